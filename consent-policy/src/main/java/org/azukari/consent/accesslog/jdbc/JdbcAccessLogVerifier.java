package org.azukari.consent.accesslog.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.consent.accesslog.Checkpoint;
import org.azukari.consent.accesslog.CheckpointFile;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.CheckpointSigner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the log against the checkpoint FILE, in three passes with bounded memory:
 * <ol>
 * <li>every file line parses and its signature verifies ({@code checkpoint-malformed},
 *     {@code bad-signature}); head checkpoints come in sequence order; the latest retirement
 *     is the anchor where the kept chain starts;</li>
 * <li>the rows, streamed in sequence order in one repeatable-read snapshot ({@link ChainWalk}:
 *     {@code sequence-gap}, {@code out-of-order}, {@code inserted}, {@code prev-hash-mismatch},
 *     {@code hash-mismatch}), each file checkpoint compared with the row it names
 *     ({@code checkpoint-mismatch}), and checkpoints or a head beyond the last row
 *     ({@code truncated});</li>
 * <li>every checkpoint in the database copy is also in the file ({@code checkpoint-not-in-file},
 *     or {@code checkpoint-file-missing} when there is no file at all).</li>
 * </ol>
 * The reported finding is the one with the lowest sequence (file-level findings without one first).
 */
public final class JdbcAccessLogVerifier implements AccessLogVerifier {

    private static final int FETCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final CheckpointSigner signer;
    private final CheckpointFile file;

    public JdbcAccessLogVerifier(DataSource dataSource, CheckpointSigner signer, CheckpointFile file) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH);
        this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.signer = signer;
        this.file = file;
    }

    @Override
    public ChainVerification verify() {
        List<ChainWalk.Finding> findings = new ArrayList<>();
        long[] signed = {0};
        Optional<Checkpoint> anchor = scanFile(findings, signed);
        ChainWalk walk = new ChainWalk(anchor);
        try {
            snapshot.executeWithoutResult(status -> {
                walkChain(walk);
                compareDatabaseCopy(findings);
            });
        } catch (RuntimeException e) {
            throw new AccessLogUnavailableException("log could not be verified", e);
        }
        walk.finding().ifPresent(findings::add);
        Optional<ChainWalk.Finding> first = findings.stream()
                .min(Comparator.comparingLong(ChainWalk.Finding::sequence));
        return first.map(f -> new ChainVerification(false, walk.checked(), signed[0],
                        f.sequence() < 0 ? Optional.empty() : Optional.of(f.sequence()), f.code()))
                .orElseGet(() -> new ChainVerification(true, walk.checked(), signed[0], Optional.empty(), "intact"));
    }

    /** Pass 1: signatures and order of the file; returns the latest retirement anchor. */
    private Optional<Checkpoint> scanFile(List<ChainWalk.Finding> findings, long[] signed) {
        Checkpoint anchor = null;
        long lastHead = 0;
        try (CheckpointFile.Lines lines = file.lines()) {
            while (lines.advance()) {
                Checkpoint checkpoint = lines.current();
                if (checkpoint == null) {
                    findings.add(new ChainWalk.Finding(-1, "checkpoint-malformed"));
                    continue;
                }
                if (!signer.verify(checkpoint.payload(), checkpoint.signature())) {
                    findings.add(new ChainWalk.Finding(checkpoint.sequence(), "bad-signature"));
                    continue;
                }
                signed[0]++;
                if (checkpoint.kind() == Checkpoint.Kind.RETIRED) {
                    anchor = anchor == null || anchor.sequence() < checkpoint.sequence() ? checkpoint : anchor;
                } else if (checkpoint.sequence() < lastHead) {
                    findings.add(new ChainWalk.Finding(checkpoint.sequence(), "checkpoint-out-of-order"));
                } else {
                    lastHead = checkpoint.sequence();
                }
            }
        }
        return Optional.ofNullable(anchor);
    }

    /** Pass 2: the rows against each other and against the file's head checkpoints. */
    private void walkChain(ChainWalk walk) {
        long head = Head.sequence(jdbc);
        try (CheckpointFile.Lines lines = file.lines()) {
            HeadCheckpoints checkpoints = new HeadCheckpoints(lines, signer);
            try {
                jdbc.query("SELECT sequence, entry_id, logged_at, entry_json, prev_hash, hash FROM cp_access_log"
                        + " ORDER BY sequence, logged_at", rs -> {
                    if (!walk.row(rs.getLong(1), LogRows.uuid(rs, 2), LogRows.instant(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6)) || !checkpoints.match(walk)) {
                        throw new StopWalk();
                    }
                });
            } catch (StopWalk stopped) {
                return;
            }
            if (checkpoints.beyond(walk.tail()) || head > walk.tail()) {
                walk.found(walk.tail() + 1, "truncated");
            } else if (head < walk.tail()) {
                walk.found(head + 1, "inserted");
            }
        }
    }

    /** Pass 3: the database copy of the head checkpoints must all be in the file. */
    private void compareDatabaseCopy(List<ChainWalk.Finding> findings) {
        try (CheckpointFile.Lines lines = file.lines()) {
            HeadCheckpoints inFile = new HeadCheckpoints(lines, signer);
            boolean missing = !file.exists();
            jdbc.query("SELECT sequence, hash FROM cp_access_log_checkpoint WHERE kind = 'HEAD' ORDER BY sequence", rs -> {
                if (!inFile.contains(rs.getLong(1), rs.getString(2).trim())) {
                    findings.add(new ChainWalk.Finding(missing ? -1 : rs.getLong(1),
                            missing ? "checkpoint-file-missing" : "checkpoint-not-in-file"));
                    throw new StopWalk();
                }
            });
        } catch (StopWalk stopped) {
            // the first one is enough
        }
    }

    private static final class StopWalk extends RuntimeException {
        StopWalk() {
            super(null, null, false, false);
        }
    }
}
