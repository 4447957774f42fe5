package org.azukari.accesslog.jdbc;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.accesslog.CheckpointFile;
import org.azukari.accesslog.HeadWitness;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.SignedCheckpoint;
import org.azukari.consent.api.SignedCheckpoints;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The database copy of the checkpoints ({@code cp_access_log_checkpoint}), paged by keyset (sequence
 * descending, then kind), and the configured paths of the copies outside the database. Listing them
 * proves nothing by itself: the verification compares them with the file and the chain.
 */
public final class JdbcSignedCheckpoints implements SignedCheckpoints {

    private static final String SELECT = "SELECT kind, sequence, hash, signed_at, key_name, signature"
            + " FROM cp_access_log_checkpoint";
    private static final String ORDER = " ORDER BY sequence DESC, kind LIMIT ?";
    private static final RowMapper<SignedCheckpoint> ROW = (rs, n) -> new SignedCheckpoint(rs.getString(1).trim(),
            rs.getLong(2), rs.getString(3).trim(), LogRows.instant(rs, 4), rs.getString(5), rs.getString(6));

    private final JdbcTemplate jdbc;
    private final WitnessCopies copies;

    public JdbcSignedCheckpoints(DataSource dataSource, CheckpointFile file, HeadWitness witness) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.copies = new WitnessCopies(file.path().normalize().toString(), witness.path().normalize().toString());
    }

    @Override
    public List<SignedCheckpoint> newestFirst(Optional<SignedCheckpoint.CheckpointCursor> after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadInputException(ConsentPolicyError.CP_0172, "checkpoints are read 1-" + MAX_PAGE + " at a time");
        }
        try {
            if (after.isEmpty()) {
                return jdbc.query(SELECT + ORDER, ROW, limit);
            }
            SignedCheckpoint.CheckpointCursor cursor = after.get();
            return jdbc.query(SELECT + " WHERE sequence < ? OR (sequence = ? AND kind > ?)" + ORDER, ROW,
                    cursor.sequence(), cursor.sequence(), cursor.kind(), limit);
        } catch (DataAccessException e) {
            throw new AccessLogUnavailableException("checkpoints cannot be read", e);
        }
    }

    @Override
    public WitnessCopies witnessCopies() {
        return copies;
    }
}
