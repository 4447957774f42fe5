package org.azukari.accesslog.jdbc;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.accesslog.Checkpoint;
import org.azukari.accesslog.CheckpointFile;
import org.azukari.accesslog.HeadWitness;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.CheckpointSigner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the log against the checkpoint FILE and the {@link HeadWitness}, in three passes with
 * bounded memory:
 * <ol>
 * <li>every file line parses and its signature verifies ({@code checkpoint-malformed},
 *     {@code bad-signature}); head checkpoints come in sequence order; the latest retirement
 *     is the anchor where the kept chain starts; the witness is read ({@code witness-malformed});</li>
 * <li>the rows, streamed in sequence order in one repeatable-read snapshot ({@link ChainWalk}:
 *     {@code sequence-gap}, {@code out-of-order}, {@code inserted}, {@code prev-hash-mismatch},
 *     {@code hash-mismatch}), each file checkpoint and the witness compared with the row they
 *     name ({@code checkpoint-mismatch}, {@code witness-mismatch}), and checkpoints, the witness
 *     or the head row beyond the last row ({@code truncated}); a log with rows but no witness is
 *     {@code witness-missing};</li>
 * <li>every checkpoint in the database copy is also in the file ({@code checkpoint-not-in-file},
 *     or {@code checkpoint-file-missing} when there is no file at all).</li>
 * </ol>
 * The reported finding is the one with the lowest sequence (file-level findings without one first).
 * Everything outside the database is read before the snapshot starts, and pass 2 looks only at
 * the file lines pass 1 saw: a checkpoint or witness written while the walk runs may name a head
 * the snapshot cannot see, and must not read as a cut tail.
 */
public final class JdbcAccessLogVerifier implements AccessLogVerifier {

    private static final int FETCH = 1000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private volatile TransactionTemplate snapshot;
    private final CheckpointSigner signer;
    private final CheckpointFile file;
    private final HeadWitness witness;

    public JdbcAccessLogVerifier(DataSource dataSource, CheckpointSigner signer, CheckpointFile file,
                                 HeadWitness witness) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH);
        this.signer = signer;
        this.file = file;
        this.witness = witness;
    }

    @Override
    public ChainVerification verify() {
        List<ChainWalk.Finding> findings = new ArrayList<>();
        long[] scanned = {0, 0};
        HeadWitness.Reading witnessed;
        Optional<Checkpoint> anchor;
        try {
            witnessed = witness.read();
            anchor = scanFile(findings, scanned);
        } catch (UncheckedIOException e) {
            throw new AccessLogUnavailableException("log could not be verified", e);
        }
        ChainWalk walk = new ChainWalk(anchor);
        WitnessCheck witnessCheck = new WitnessCheck(witnessed);
        try {
            snapshot().executeWithoutResult(status -> {
                walkChain(walk, witnessCheck, scanned[1]);
                compareDatabaseCopy(findings);
            });
        } catch (RuntimeException e) {
            throw new AccessLogUnavailableException("log could not be verified", e);
        }
        witnessCheck.fileFinding(walk).ifPresent(findings::add);
        walk.finding().ifPresent(findings::add);
        Optional<ChainWalk.Finding> first = findings.stream()
                .min(Comparator.comparingLong(ChainWalk.Finding::sequence));
        return first.map(f -> new ChainVerification(false, walk.checked(), scanned[0],
                        f.sequence() < 0 ? Optional.empty() : Optional.of(f.sequence()), f.code()))
                .orElseGet(() -> new ChainVerification(true, walk.checked(), scanned[0], Optional.empty(), "intact"));
    }

    /**
     * One read-only view of every table. PostgreSQL's repeatable read is one snapshot for the whole
     * transaction; under H2's the rows moved on after the head row had been read (an append landing
     * mid-walk read as {@code inserted}), so H2 gets serializable.
     */
    private TransactionTemplate snapshot() {
        if (snapshot == null) {
            TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            template.setIsolationLevel(Dialect.of(dataSource) == Dialect.POSTGRESQL
                    ? TransactionDefinition.ISOLATION_REPEATABLE_READ : TransactionDefinition.ISOLATION_SERIALIZABLE);
            template.setReadOnly(true);
            snapshot = template;
        }
        return snapshot;
    }

    /**
     * Pass 1: signatures and order of the file; returns the latest retirement anchor, counts the
     * validly signed checkpoints in {@code scanned[0]} and the lines in {@code scanned[1]}.
     */
    private Optional<Checkpoint> scanFile(List<ChainWalk.Finding> findings, long[] scanned) {
        Checkpoint anchor = null;
        long lastHead = 0;
        try (CheckpointFile.Lines lines = file.lines()) {
            while (lines.advance()) {
                scanned[1]++;
                Checkpoint checkpoint = lines.current();
                if (checkpoint == null) {
                    findings.add(new ChainWalk.Finding(-1, "checkpoint-malformed"));
                    continue;
                }
                if (!signer.verify(checkpoint.payload(), checkpoint.signature())) {
                    findings.add(new ChainWalk.Finding(checkpoint.sequence(), "bad-signature"));
                    continue;
                }
                scanned[0]++;
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

    /** Pass 2: the rows against each other, the file's first {@code lines} lines and the witness. */
    private void walkChain(ChainWalk walk, WitnessCheck witnessCheck, long lines) {
        long head = Head.sequence(jdbc);
        try (CheckpointFile.Lines scanned = file.lines(lines)) {
            HeadCheckpoints checkpoints = new HeadCheckpoints(scanned, signer);
            try {
                jdbc.query("SELECT sequence, entry_id, logged_at, entry_json, prev_hash, hash FROM cp_access_log"
                        + " ORDER BY sequence, logged_at", rs -> {
                    if (!walk.row(rs.getLong(1), LogRows.uuid(rs, 2), LogRows.instant(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6)) || !checkpoints.match(walk) || !witnessCheck.match(walk)) {
                        throw new StopWalk();
                    }
                });
            } catch (StopWalk stopped) {
                return;
            }
            if (checkpoints.beyond(walk.tail()) || witnessCheck.beyond(walk.tail()) || head > walk.tail()) {
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
