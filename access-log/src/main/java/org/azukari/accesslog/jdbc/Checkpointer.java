package org.azukari.accesslog.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.accesslog.Checkpoint;
import org.azukari.accesslog.CheckpointFile;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.CheckpointSigner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs checkpoints and writes them twice: first to the {@link CheckpointFile} (forced to disk),
 * then to {@code cp_access_log_checkpoint}. A head checkpoint is taken under the head lock in a
 * transaction of its own (never a caller's, which might still roll back), so it names committed
 * entries only; if the database insert then fails, the file line is still true.
 */
public final class Checkpointer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Dialect dialect;
    private final CheckpointSigner signer;
    private final CheckpointFile file;
    private final Clock clock;

    public Checkpointer(DataSource dataSource, CheckpointSigner signer, CheckpointFile file, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.dialect = Dialect.of(dataSource);
        this.signer = signer;
        this.file = file;
        this.clock = clock;
    }

    /** Signs the current head, unless it is empty or already checkpointed. */
    public Optional<Checkpoint> checkpoint() {
        return guarded(() -> transactions.execute(status -> {
            Head head = Head.lock(jdbc, dialect);
            Long last = jdbc.queryForObject(
                    "SELECT MAX(sequence) FROM cp_access_log_checkpoint WHERE kind = 'HEAD'", Long.class);
            if (head.sequence() == 0 || (last != null && last == head.sequence())) {
                return Optional.<Checkpoint>empty();
            }
            return Optional.of(write(Checkpoint.Kind.HEAD, head.sequence(), head.hash()));
        }));
    }

    /** Records, signed and outside the database, that entries up to {@code sequence} are retired. */
    public Checkpoint retire(long sequence, String hash) {
        return guarded(() -> write(Checkpoint.Kind.RETIRED, sequence, hash));
    }

    /** The latest head checkpoint in the database copy: where the automatic schedule resumes. */
    public Optional<Checkpoint> latest() {
        return guarded(() -> jdbc.query("SELECT kind, sequence, hash, signed_at, key_name, signature"
                        + " FROM cp_access_log_checkpoint WHERE kind = 'HEAD' ORDER BY sequence DESC LIMIT 1",
                (rs, row) -> new Checkpoint(Checkpoint.Kind.HEAD, rs.getLong(2), rs.getString(3),
                        LogRows.instant(rs, 4), rs.getString(5), rs.getString(6))).stream().findFirst());
    }

    /** When the oldest entry kept was logged: where the first checkpoint's interval starts. */
    Optional<Instant> firstEntryAt() {
        return guarded(() -> Optional.ofNullable(jdbc.queryForObject("SELECT MIN(logged_at) FROM cp_access_log",
                OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }

    private Checkpoint write(Checkpoint.Kind kind, long sequence, String hash) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String signature = signer.sign(Checkpoint.payload(kind, sequence, hash, at));
        Checkpoint checkpoint = new Checkpoint(kind, sequence, hash, at, signer.keyName(), signature);
        file.append(checkpoint);
        jdbc.update("INSERT INTO cp_access_log_checkpoint (kind, sequence, hash, signed_at, key_name, signature)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", kind.name(), sequence, hash, LogRows.utc(at),
                checkpoint.keyName(), signature);
        return checkpoint;
    }

    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (AccessLogUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // the database, the file or the signer (its key vault): any of them failing means no checkpoint
            throw new AccessLogUnavailableException("checkpoint could not be written", e);
        }
    }
}
