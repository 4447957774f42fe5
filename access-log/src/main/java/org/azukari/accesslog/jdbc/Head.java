package org.azukari.accesslog.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The head row: last sequence, its hash and time. Locking it ({@code SELECT ... FOR UPDATE})
 * inside a transaction is what serialises appends and checkpoints.
 */
record Head(long sequence, String hash, Optional<Instant> at) {

    static Head lock(JdbcTemplate jdbc, Dialect dialect) {
        if (dialect == Dialect.H2) {
            // H2's default lock wait (1 s) is shorter than a busy batch; PostgreSQL waits by default.
            jdbc.execute("SET LOCK_TIMEOUT 10000");
        }
        return jdbc.queryForObject("SELECT sequence, hash, logged_at FROM cp_access_log_head WHERE id = 1 FOR UPDATE",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2),
                        Optional.ofNullable(rs.getObject(3, OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
    }

    static long sequence(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT sequence FROM cp_access_log_head WHERE id = 1", Long.class);
    }
}
