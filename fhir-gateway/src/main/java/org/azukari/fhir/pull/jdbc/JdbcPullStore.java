package org.azukari.fhir.pull.jdbc;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.pull.PullCursor;
import org.azukari.fhir.pull.PullError;
import org.azukari.fhir.pull.PullSource;
import org.azukari.fhir.pull.PullSourceId;
import org.azukari.fhir.pull.PullStore;
import org.azukari.fhir.pull.PullTarget;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.OrganisationId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@link PullStore} over JDBC. A claim is one conditional {@code UPDATE} (the row lock makes it
 * atomic on both databases), and a release writes only while that same claim still holds.
 */
public final class JdbcPullStore implements PullStore {

    private static final String SOURCE_COLUMNS =
            "source_id, organisation_id, base_url, credential_ref, validation_mode, enabled";
    private static final String CURSOR_COLUMNS = "state, high_water, attempts, next_attempt_at, running_since,"
            + " last_attempt_at, last_success_at, last_error_code, last_error_text, resources_pulled, resources_created";

    private final JdbcTemplate jdbc;

    public JdbcPullStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void addSource(PullSource source, Instant now) {
        jdbc.update("INSERT INTO fg_pull_source (" + SOURCE_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                source.id().value(), source.organisation().value(), source.baseUrl().toString(),
                source.credentialRef().orElse(null), source.mode().name(), source.enabled(), Timestamp.from(now));
    }

    @Override
    public Optional<PullSource> source(PullSourceId id) {
        return jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM fg_pull_source WHERE source_id = ?", SOURCE, id.value())
                .stream().findFirst();
    }

    @Override
    public List<PullSource> sources() {
        return jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM fg_pull_source ORDER BY created_at, source_id", SOURCE);
    }

    @Override
    public boolean setEnabled(PullSourceId id, boolean enabled) {
        return jdbc.update("UPDATE fg_pull_source SET enabled = ? WHERE source_id = ?", enabled, id.value()) == 1;
    }

    @Override
    public void putTarget(PullTarget target, byte[] sealedIdentifier, PullCursor cursor, Instant now) {
        int updated = jdbc.update("UPDATE fg_pull_target SET sealed_identifier = ?, linked_at = ?, " + assignments()
                        + " WHERE source_id = ? AND resident_id = ?",
                concat(new Object[] {sealedIdentifier, Timestamp.from(now)}, values(cursor),
                        new Object[] {target.source().value(), target.resident().value()}));
        if (updated == 0) {
            jdbc.update("INSERT INTO fg_pull_target (source_id, resident_id, sealed_identifier, linked_at, "
                            + CURSOR_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    concat(new Object[] {target.source().value(), target.resident().value(), sealedIdentifier,
                            Timestamp.from(now)}, values(cursor)));
        }
    }

    @Override
    public Optional<byte[]> sealedIdentifier(PullTarget target) {
        return jdbc.query("SELECT sealed_identifier FROM fg_pull_target WHERE source_id = ? AND resident_id = ?",
                (rs, row) -> rs.getBytes(1), target.source().value(), target.resident().value()).stream().findFirst();
    }

    @Override
    public List<PullTarget> targets(PullSourceId source) {
        return jdbc.query("SELECT source_id, resident_id FROM fg_pull_target WHERE source_id = ? ORDER BY linked_at,"
                + " resident_id", TARGET, source.value());
    }

    @Override
    public List<PullTarget> due(Instant now, Instant abandonedBefore, int limit) {
        return jdbc.query("SELECT t.source_id, t.resident_id FROM fg_pull_target t"
                        + " JOIN fg_pull_source s ON s.source_id = t.source_id"
                        + " WHERE s.enabled = TRUE AND ((t.state <> 'RUNNING' AND t.next_attempt_at <= ?)"
                        + " OR (t.state = 'RUNNING' AND t.running_since <= ?))"
                        + " ORDER BY t.next_attempt_at LIMIT ?",
                TARGET, Timestamp.from(now), Timestamp.from(abandonedBefore), limit);
    }

    @Override
    public Optional<PullCursor> cursor(PullTarget target) {
        return jdbc.query("SELECT " + CURSOR_COLUMNS + " FROM fg_pull_target WHERE source_id = ? AND resident_id = ?",
                CURSOR, target.source().value(), target.resident().value()).stream().findFirst();
    }

    @Override
    public List<PullCursor> cursors(PullSourceId source) {
        return jdbc.query("SELECT " + CURSOR_COLUMNS + " FROM fg_pull_target WHERE source_id = ?", CURSOR,
                source.value());
    }

    @Override
    public Optional<PullCursor> claim(PullTarget target, Instant now, Instant abandonedBefore) {
        int claimed = jdbc.update("UPDATE fg_pull_target SET state = 'RUNNING', running_since = ?"
                        + " WHERE source_id = ? AND resident_id = ?"
                        + " AND (state <> 'RUNNING' OR running_since <= ?)",
                Timestamp.from(now), target.source().value(), target.resident().value(), Timestamp.from(abandonedBefore));
        return claimed == 1 ? cursor(target) : Optional.empty();
    }

    @Override
    public boolean release(PullTarget target, PullCursor claimed, PullCursor after) {
        return jdbc.update("UPDATE fg_pull_target SET " + assignments()
                        + " WHERE source_id = ? AND resident_id = ? AND state = 'RUNNING' AND running_since = ?",
                concat(values(after), new Object[] {target.source().value(), target.resident().value(),
                        Timestamp.from(claimed.runningSince().orElseThrow())})) == 1;
    }

    private static String assignments() {
        return String.join(" = ?, ", CURSOR_COLUMNS.split(",\\s*")) + " = ?";
    }

    private static Object[] values(PullCursor cursor) {
        return new Object[] {cursor.state().name(), time(cursor.highWater()), cursor.attempts(),
                Timestamp.from(cursor.nextAttemptAt()), time(cursor.runningSince()), time(cursor.lastAttemptAt()),
                time(cursor.lastSuccessAt()), cursor.lastError().map(PullError::code).orElse(null),
                cursor.lastError().map(PullError::text).orElse(null), cursor.resourcesPulled(),
                cursor.resourcesCreated()};
    }

    private static Object[] concat(Object[]... parts) {
        int length = 0;
        for (Object[] part : parts) {
            length += part.length;
        }
        Object[] all = new Object[length];
        int at = 0;
        for (Object[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static Timestamp time(Optional<Instant> instant) {
        return instant.map(Timestamp::from).orElse(null);
    }

    private static Optional<Instant> time(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    private static final RowMapper<PullSource> SOURCE = (rs, row) -> new PullSource(
            new PullSourceId(rs.getObject("source_id", UUID.class)), new OrganisationId(rs.getString("organisation_id")),
            URI.create(rs.getString("base_url")), Optional.ofNullable(rs.getString("credential_ref")),
            ValidationMode.valueOf(rs.getString("validation_mode")), rs.getBoolean("enabled"));

    private static final RowMapper<PullTarget> TARGET = (rs, row) -> new PullTarget(
            new PullSourceId(rs.getObject("source_id", UUID.class)), new ResidentId(rs.getObject("resident_id", UUID.class)));

    private static final RowMapper<PullCursor> CURSOR = (rs, row) -> {
        String code = rs.getString("last_error_code");
        return new PullCursor(PullCursor.State.valueOf(rs.getString("state")), time(rs, "high_water"),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(), time(rs, "running_since"),
                time(rs, "last_attempt_at"), time(rs, "last_success_at"),
                code == null ? Optional.empty() : Optional.of(new PullError(code, rs.getString("last_error_text"))),
                rs.getLong("resources_pulled"), rs.getLong("resources_created"));
    };
}
