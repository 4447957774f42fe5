package org.azukari.consent.consents.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentId;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.consents.jdbc.JdbcChanges.Changed;

/**
 * Consents as rows of {@code cp_consent_version}, one per version, inserted and never updated.
 * The newest version of a consent is its state. Reads go to the database every time (no cache),
 * so a withdrawal counts for the very next decision.
 */
public final class JdbcConsents implements Consents {

    private static final String INSERT = "INSERT INTO cp_consent_version (consent_id, version, resident_id,"
            + " recipient_org, recipient_service, purpose, categories, period_start, period_end, status,"
            + " evidence_text, evidence_language, evidence_version, evidence_sha256, evidence_at, evidence_channel,"
            + " actor_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "SELECT * FROM cp_consent_version v";
    private static final String NEWEST = " AND v.version = (SELECT MAX(w.version) FROM cp_consent_version w"
            + " WHERE w.consent_id = v.consent_id)";

    private final JdbcChanges changes;

    public JdbcConsents(DataSource dataSource, AccessLog log, Clock clock) {
        this.changes = new JdbcChanges(dataSource, log, clock);
    }

    @Override
    public Consent request(ResidentId resident, ConsentTerms terms, ConsentEvidence question, AccessActor actor) {
        return changes.change(() -> insert(new Consent(ConsentId.random(), 1, resident, terms, ConsentStatus.PROPOSED,
                Optional.of(question), actor.id(), changes.now()), actor, AccessAction.CONSENT_CHANGE,
                "consent-requested"));
    }

    @Override
    public Consent answer(ResidentId resident, ConsentId id, boolean yes, ConsentEvidence evidence,
                          AccessActor actor) {
        return changes.change(() -> {
            Consent current = own(resident, id);
            if (current.status() != ConsentStatus.PROPOSED) {
                throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                        "consent " + id + " is not waiting for an answer");
            }
            return insert(next(current, yes ? ConsentStatus.ACTIVE : ConsentStatus.REJECTED, Optional.of(evidence),
                    actor), actor, AccessAction.CONSENT_REQUEST_ANSWER, yes ? "consent-answer-yes" : "consent-answer-no");
        });
    }

    @Override
    public Consent grant(ResidentId resident, ConsentTerms terms, ConsentEvidence evidence, AccessActor actor) {
        return changes.change(() -> insert(new Consent(ConsentId.random(), 1, resident, terms, ConsentStatus.ACTIVE,
                Optional.of(evidence), actor.id(), changes.now()), actor, AccessAction.CONSENT_CHANGE,
                "consent-granted"));
    }

    @Override
    public Consent withdraw(ResidentId resident, ConsentId id, String channel, AccessActor actor) {
        return changes.change(() -> {
            Consent current = own(resident, id);
            if (current.status() != ConsentStatus.ACTIVE && current.status() != ConsentStatus.PROPOSED) {
                throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                        "consent " + id + " is not active");
            }
            if (channel == null || !channel.matches("[a-z][a-z0-9-]{1,31}")) {
                throw new BadInputException(ConsentPolicyError.CP_0208, "malformed channel");
            }
            // a withdrawal shows no text; its channel is kept for the history all the same
            return insert(next(current, ConsentStatus.WITHDRAWN, Optional.empty(), actor), actor,
                    AccessAction.CONSENT_CHANGE, "consent-withdrawn", channel);
        });
    }

    @Override
    public Optional<Consent> find(ConsentId id) {
        return changes.read(() -> changes.jdbc.query(COLUMNS + " WHERE v.consent_id = ?" + NEWEST, JdbcConsents::row,
                id.value()).stream().findFirst());
    }

    @Override
    public List<Consent> history(ConsentId id) {
        return changes.read(() -> changes.jdbc.query(COLUMNS + " WHERE v.consent_id = ? ORDER BY v.version",
                JdbcConsents::row, id.value()));
    }

    @Override
    public List<Consent> forResident(ResidentId resident) {
        return changes.read(() -> changes.jdbc.query(COLUMNS + " WHERE v.resident_id = ?" + NEWEST,
                        JdbcConsents::row, resident.value()).stream()
                .sorted(Comparator.comparing(Consent::recorded).reversed()).toList());
    }

    @Override
    public List<Consent> pendingRequests(ResidentId resident) {
        return forResident(resident).stream().filter(c -> c.status() == ConsentStatus.PROPOSED).toList();
    }

    @Override
    public List<ResidentId> residentsConsentingTo(String organisation, Purpose purpose, java.time.Instant at) {
        return changes.read(() -> changes.jdbc.query(COLUMNS + " WHERE v.recipient_org = ? AND v.purpose = ?" + NEWEST,
                        JdbcConsents::row, organisation, purpose.code()).stream()
                .filter(c -> c.statusAt(at) == ConsentStatus.ACTIVE && c.terms().period().contains(at))
                .map(Consent::resident).distinct().sorted(Comparator.comparing(ResidentId::value)).toList());
    }

    /** The consent, if it is the resident's; another resident's answers as unknown. */
    private Consent own(ResidentId resident, ConsentId id) {
        return find(id).filter(c -> c.resident().equals(resident)).orElseThrow(() ->
                new ConsentChangeRefusedException(ConsentChangeRefusedException.NOT_FOUND, "no consent " + id));
    }

    private Consent next(Consent current, ConsentStatus status, Optional<ConsentEvidence> evidence,
                         AccessActor actor) {
        return new Consent(current.id(), current.version() + 1, current.resident(), current.terms(), status, evidence,
                actor.id(), changes.now());
    }

    private Changed<Consent> insert(Consent c, AccessActor actor, AccessAction action, String reason) {
        return insert(c, actor, action, reason, null);
    }

    private Changed<Consent> insert(Consent c, AccessActor actor, AccessAction action, String reason,
                                    String bareChannel) {
        ConsentTerms t = c.terms();
        Optional<ConsentEvidence> e = c.evidence();
        changes.jdbc.update(INSERT, c.id().value(), c.version(), c.resident().value(), t.recipient().organisation(),
                t.recipient().service().orElse(null), t.purpose().code(), JdbcChanges.categories(t.categories()),
                JdbcChanges.utc(t.period().start()), JdbcChanges.utc(t.period().end().orElse(null)), c.status().name(),
                e.map(ConsentEvidence::text).orElse(null), e.map(ConsentEvidence::language).orElse(null),
                e.map(ConsentEvidence::textVersion).orElse(null), e.map(ConsentEvidence::textSha256).orElse(null),
                JdbcChanges.utc(e.map(ConsentEvidence::at).orElse(null)), e.map(ConsentEvidence::channel).orElse(bareChannel),
                c.actorId(), JdbcChanges.utc(c.recorded()));
        return new Changed<>(c, JdbcChanges.entry(actor, c.resident(), action, t.categories(),
                Optional.of(t.purpose()), Set.of(c.id().value()), reason));
    }

    private static Consent row(ResultSet rs, int n) throws SQLException {
        Recipient recipient = new Recipient(rs.getString("recipient_org"),
                Optional.ofNullable(rs.getString("recipient_service")));
        ConsentTerms terms = new ConsentTerms(recipient, new Purpose(rs.getString("purpose")),
                JdbcChanges.categories(rs.getString("categories")),
                new ConsentPeriod(JdbcChanges.instant(rs, "period_start"),
                        Optional.ofNullable(JdbcChanges.instant(rs, "period_end"))));
        String text = rs.getString("evidence_text");
        Optional<ConsentEvidence> evidence = text == null ? Optional.empty()
                : Optional.of(new ConsentEvidence(text, rs.getString("evidence_language"),
                rs.getString("evidence_version"), rs.getString("evidence_sha256"),
                JdbcChanges.instant(rs, "evidence_at"), rs.getString("evidence_channel")));
        return new Consent(new ConsentId(rs.getString("consent_id")), rs.getInt("version"),
                new ResidentId(rs.getObject("resident_id", java.util.UUID.class)), terms,
                ConsentStatus.valueOf(rs.getString("status")), evidence, rs.getString("actor_id"),
                JdbcChanges.instant(rs, "recorded_at"));
    }
}
