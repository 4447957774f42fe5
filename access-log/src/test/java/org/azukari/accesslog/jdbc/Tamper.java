package org.azukari.accesslog.jdbc;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.azukari.accesslog.CanonicalForm;
import org.springframework.jdbc.core.JdbcTemplate;

/** What an attacker with the owner's database rights does to the log, in plain SQL. */
final class Tamper {

    private final JdbcTemplate sql;

    Tamper(JdbcTemplate sql) {
        this.sql = sql;
    }

    /** Changes one field of the entry (the decision) without touching the hashes. */
    void changeDecision(long sequence) {
        sql.update("UPDATE cp_access_log SET entry_json = REPLACE(entry_json, '\"PERMIT\"', '\"DENY\"')"
                + " WHERE sequence = ?", sequence);
    }

    void delete(long sequence) {
        sql.update("DELETE FROM cp_access_log WHERE sequence = ?", sequence);
    }

    void deleteFrom(long sequence) {
        sql.update("DELETE FROM cp_access_log WHERE sequence >= ?", sequence);
    }

    /**
     * Cuts the tail from {@code sequence} on and rewinds the head row to the entry before it
     * (sequence, hash and time), and clears their outbox rows, so that everything in the database
     * agrees: what an owner who wants recent entries gone would do.
     */
    void cutTail(long sequence) {
        deleteFrom(sequence);
        sql.update("DELETE FROM cp_access_log_outbox WHERE sequence >= ?", sequence);
        Map<String, Object> last = sql.queryForMap("SELECT sequence, hash, logged_at FROM cp_access_log"
                + " WHERE sequence = ?", sequence - 1);
        sql.update("UPDATE cp_access_log_head SET sequence = ?, hash = ?, logged_at = ? WHERE id = 1",
                last.get("sequence"), last.get("hash"), last.get("logged_at"));
    }

    /** Swaps two rows' contents (everything but the sequence), i.e. reorders them. */
    void swap(long a, long b) {
        Map<String, Object> first = row(a);
        Map<String, Object> second = row(b);
        overwrite(a, second);
        overwrite(b, first);
    }

    /**
     * Slips a forged row in at {@code sequence}: later rows move up by one, and the forged row
     * links correctly to its predecessor with a correctly computed hash.
     */
    void insertForged(long sequence) {
        List<Long> later = sql.queryForList("SELECT sequence FROM cp_access_log WHERE sequence >= ?"
                + " ORDER BY sequence DESC", Long.class, sequence);
        for (long s : later) {
            sql.update("UPDATE cp_access_log SET sequence = ? WHERE sequence = ?", s + 1, s);
        }
        Map<String, Object> template = row(sequence - 1);
        String prev = ((String) template.get("hash")).trim();
        UUID id = UUID.randomUUID();
        String json = (String) template.get("entry_json");
        java.time.Instant at = toInstant(template.get("logged_at"));
        sql.update("INSERT INTO cp_access_log (sequence, entry_id, logged_at, entry_json, prev_hash, hash, actor_id, decision)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'forger', 'PERMIT')", sequence, id, template.get("logged_at"), json, prev,
                CanonicalForm.hash(prev, sequence, id, at, json));
    }

    /** Changes the decision of {@code sequence} and recomputes every hash after it: a consistent rewrite. */
    void rewriteConsistently(long sequence) {
        changeDecision(sequence);
        String prev = sequence == 1 ? CanonicalForm.GENESIS
                : sql.queryForObject("SELECT hash FROM cp_access_log WHERE sequence = ?", String.class, sequence - 1);
        for (Map<String, Object> row : sql.queryForList("SELECT sequence, entry_id, logged_at, entry_json"
                + " FROM cp_access_log WHERE sequence >= ? ORDER BY sequence", sequence)) {
            long s = ((Number) row.get("sequence")).longValue();
            String hash = CanonicalForm.hash(prev, s, (UUID) row.get("entry_id"), toInstant(row.get("logged_at")),
                    (String) row.get("entry_json"));
            sql.update("UPDATE cp_access_log SET prev_hash = ?, hash = ? WHERE sequence = ?", prev, hash, s);
            prev = hash;
        }
        sql.update("UPDATE cp_access_log_head SET hash = ?", prev);
    }

    private Map<String, Object> row(long sequence) {
        return sql.queryForMap("SELECT entry_id, logged_at, entry_json, prev_hash, hash FROM cp_access_log"
                + " WHERE sequence = ?", sequence);
    }

    private void overwrite(long sequence, Map<String, Object> row) {
        sql.update("UPDATE cp_access_log SET entry_id = ?, entry_json = ?, prev_hash = ?, hash = ? WHERE sequence = ?",
                row.get("entry_id"), row.get("entry_json"), row.get("prev_hash"), row.get("hash"), sequence);
    }

    private static java.time.Instant toInstant(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected time type " + value.getClass());
    }
}
