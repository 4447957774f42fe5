package org.azukari.accesslog.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.UUID;
import org.azukari.accesslog.CanonicalForm;
import org.azukari.consent.api.LoggedEntry;
import org.springframework.jdbc.core.RowMapper;

/** Columns and mapping shared by the readers of {@code cp_access_log}. */
final class LogRows {

    /** Select list for {@link #LOGGED}, with the table alias {@code l}. */
    static final String COLUMNS = "l.sequence, l.entry_id, l.logged_at, l.entry_json, l.hash";

    static final RowMapper<LoggedEntry> LOGGED = (rs, row) -> new LoggedEntry(rs.getLong(1), uuid(rs, 2),
            instant(rs, 3), CanonicalForm.parseEntry(rs.getString(4)), rs.getString(5));

    private LogRows() {
    }

    static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
