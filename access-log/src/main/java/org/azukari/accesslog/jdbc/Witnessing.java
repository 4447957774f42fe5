package org.azukari.accesslog.jdbc;

import java.io.UncheckedIOException;
import java.util.List;
import org.azukari.accesslog.CanonicalForm;
import org.azukari.accesslog.HeadWitness.Witnessed;
import org.azukari.accesslog.HeadWitness;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.LoggedEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the {@link HeadWitness} true and moving forward, so that no entry a caller was told is
 * recorded can vanish unseen. Every commit of the log is witnessed before its callers are
 * answered; the witness only ever moves to a head that extends it:
 * <ul>
 * <li>before an append (under the head lock), the database's head must extend the witnessed
 *     one: the same head, or a later one whose row at the witnessed sequence still has the
 *     witnessed hash. Otherwise entries were cut, the head rewound or an old backup restored:
 *     the append is refused ({@code CP-0137}) and the witness, the evidence, is left alone
 *     until an operator moves it aside;</li>
 * <li>after the commit, the new head is written, checked the same way against whatever was
 *     witnessed meanwhile (a head witnessed by a later commit must still hold this commit's
 *     entries);</li>
 * <li>once a write failed ({@code CP-0135}), appends are refused before they write anything
 *     until the file takes a write again.</li>
 * </ul>
 * In the usual case, one writer, the previous commit's head is this commit's starting head and
 * no query is needed.
 */
final class Witnessing {

    private static final Logger LOG = LoggerFactory.getLogger(Witnessing.class);

    private final HeadWitness file;
    private final JdbcTemplate jdbc;
    private Witnessed current;
    private boolean loaded;
    private boolean refusing;
    private volatile boolean failing;

    Witnessing(HeadWitness file, JdbcTemplate jdbc) {
        this.file = file;
        this.jdbc = jdbc;
    }

    /** Before anything is written: while the witness cannot be written, nothing is appended. */
    void ready() {
        if (failing) {
            synchronized (this) {
                if (failing) {
                    load();
                    file.write(current == null ? new Witnessed(0, CanonicalForm.GENESIS) : current);
                    failing = false;
                    LOG.info("CP-0135 head witness {} writable again", file.path());
                }
            }
        }
    }

    /**
     * Under the head lock, before the append: the head must extend what was witnessed. While
     * appends are refused the file is read again each time, so an operator who moved it aside
     * (after recording a restore) lets them resume without a restart.
     */
    synchronized void checkExtends(Head head) {
        loaded = loaded && !refusing;
        load();
        if (current != null && !extendsWitness(head.sequence(), head.hash(), current)) {
            throw refused(head.sequence());
        }
        if (refusing) {
            refusing = false;
            LOG.warn("CP-0137 head witness {} replaced; appends resume at sequence {}", file.path(),
                    head.sequence() + 1);
        }
    }

    /** After the commit that moved the head from {@code before} to {@code newest}, before the callers return. */
    synchronized void witness(Head before, LoggedEntry newest) {
        load();
        Witnessed next = new Witnessed(newest.sequence(), newest.hash());
        if (next.equals(current)) {
            return;
        }
        if (current != null && current.sequence() >= next.sequence()) {
            // a later commit was witnessed first; it covers this one only if this one is still in the chain
            if (!next.hash().equals(hashAt(next.sequence()))) {
                throw refused(next.sequence());
            }
            return;
        }
        boolean continues = current == null
                || (current.sequence() == before.sequence() && current.hash().equals(before.hash()));
        if (!continues && !current.hash().equals(hashAt(current.sequence()))) {
            throw refused(next.sequence());
        }
        try {
            file.write(next);
        } catch (UncheckedIOException e) {
            failing = true;
            LOG.error("CP-0135 entries {} to {} are committed but their head could not be witnessed in {};"
                    + " their callers are refused, and so is every append until it can", before.sequence() + 1,
                    newest.sequence(), file.path());
            throw e;
        }
        current = next;
    }

    private boolean extendsWitness(long sequence, String hash, Witnessed witnessed) {
        if (sequence == witnessed.sequence()) {
            return hash.equals(witnessed.hash());
        }
        return sequence > witnessed.sequence() && witnessed.hash().equals(hashAt(witnessed.sequence()));
    }

    private String hashAt(long sequence) {
        List<String> hashes = jdbc.queryForList("SELECT hash FROM cp_access_log WHERE sequence = ?", String.class,
                sequence);
        return hashes.size() == 1 ? hashes.get(0).trim() : null;
    }

    private void load() {
        if (loaded) {
            return;
        }
        HeadWitness.Reading reading = file.read();
        if (reading instanceof HeadWitness.Malformed) {
            throw new BadStateException(ConsentPolicyError.CP_0136, "head witness " + file.path() + " is malformed");
        }
        current = reading instanceof Witnessed witnessed ? witnessed : null;
        loaded = true;
    }

    private IllegalStateException refused(long sequence) {
        if (!refusing) {
            refusing = true;
            LOG.error("CP-0137 the access log's head no longer extends its witness (sequence {}): entries were cut,"
                    + " the head rewound or an older backup restored. Appends are refused; run audit verify",
                    current.sequence());
        }
        return new BadStateException(ConsentPolicyError.CP_0137, "the log does not extend its witnessed head at sequence "
                + current.sequence() + " (refused at " + sequence + ")");
    }
}
