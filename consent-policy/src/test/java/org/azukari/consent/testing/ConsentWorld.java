package org.azukari.consent.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.ConsentDecisionPoint.Question;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.PrivacyContact;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.assessments.jdbc.JdbcPrivacyAssessments;
import org.azukari.consent.consents.jdbc.JdbcConsents;
import org.azukari.consent.consents.jdbc.JdbcEmergencyAccesses;
import org.azukari.consent.consents.jdbc.JdbcNeverShare;
import org.azukari.consent.datasets.jdbc.JdbcDatasetRequests;
import org.azukari.consent.decision.DefaultConsentDecisionPoint;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The consent stores as the application wires them, over a fresh in-memory H2 database in
 * PostgreSQL mode migrated from {@code db/migration/consent}, with a recording access log, a clock
 * the test moves and the default emergency settings (24 hours; allergy, medication, diagnosis,
 * immunization).
 */
public final class ConsentWorld {

    public static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    public static final String QUESTION_JA = "『健康アドバイス』を目的として、『決済データと医療データ』を提供してよいですか？";

    public final MutableClock clock = new MutableClock(START);
    public final RecordingAccessLog log = new RecordingAccessLog();
    public final DataSource dataSource;
    public final JdbcTemplate sql;
    public final JdbcConsents consents;
    public final JdbcNeverShare neverShare;
    public final JdbcEmergencyAccesses emergencies;
    public final ConsentDecisionPoint decisions;
    public final JdbcDatasetRequests datasets;
    public final JdbcPrivacyAssessments assessments;
    public final ResidentId resident = ResidentId.random();
    public final AccessActor residentActor = new AccessActor(AccessActor.Kind.RESIDENT, "acct-1", Optional.empty(), Optional.empty());

    public ConsentWorld() {
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:consent-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/consent").load().migrate();
        sql = new JdbcTemplate(dataSource);
        consents = new JdbcConsents(dataSource, log, clock);
        neverShare = new JdbcNeverShare(dataSource, log, clock);
        emergencies = new JdbcEmergencyAccesses(dataSource, log, clock, Duration.ofHours(24), Set.of(
                ConsentCategory.parse("MEDICAL/allergy"), ConsentCategory.parse("MEDICAL/medication"),
                ConsentCategory.parse("MEDICAL/diagnosis"), ConsentCategory.parse("MEDICAL/immunization")));
        decisions = new DefaultConsentDecisionPoint(consents, neverShare, emergencies);
        datasets = new JdbcDatasetRequests(dataSource, log, clock);
        assessments = new JdbcPrivacyAssessments(dataSource, clock);
    }

    /** A complete assessment, as an operator records it before approving or registering. */
    public static AssessmentTerms assessmentTerms(String purpose) {
        return new AssessmentTerms(purpose, categories("MEDICAL/laboratory", "PAYMENT"),
                "The service's advisers only", "Two years after the last advice",
                "Re-identification from rare values", "Generalised dates, k of at least 10",
                new PrivacyContact("Privacy officer", "privacy@well.example"));
    }

    /** Records an assessment of the dataset request, as the approval needs. */
    public void assess(DatasetRequestId request) {
        assessments.record(AssessmentSubject.datasetRequest(request), assessmentTerms("Health advice"), "op-1");
    }

    public ConsentEvidence evidence() {
        return ConsentEvidence.shown(QUESTION_JA, "ja", "q-2026-1", clock.instant(), "portal");
    }

    public static Set<ConsentCategory> categories(String... codes) {
        return java.util.Arrays.stream(codes).map(ConsentCategory::parse).collect(java.util.stream.Collectors.toSet());
    }

    public Consent grant(Recipient recipient, Purpose purpose, ConsentPeriod period, String... codes) {
        return consents.grant(resident, new ConsentTerms(recipient, purpose, categories(codes), period), evidence(),
                residentActor);
    }

    public Consent grant(Recipient recipient, Purpose purpose, String... codes) {
        return grant(recipient, purpose, ConsentPeriod.from(clock.instant().minus(Duration.ofDays(1))), codes);
    }

    public Consent request(Recipient recipient, Purpose purpose, String... codes) {
        return consents.request(resident, new ConsentTerms(recipient, purpose, categories(codes),
                ConsentPeriod.from(clock.instant().minus(Duration.ofDays(1)))), evidence(),
                new AccessActor(AccessActor.Kind.OPERATOR, "op-1", Optional.empty(), Optional.empty()));
    }

    public Consent withdraw(Consent consent) {
        return consents.withdraw(resident, consent.id(), "portal", residentActor);
    }

    public EmergencyAccess emergency(Recipient recipient) {
        return emergencies.open(resident, "doc-1", recipient, "unconscious on arrival, allergies unknown",
                clock.instant());
    }

    public Decision ask(Recipient recipient, Purpose purpose, String... codes) {
        return decisions.decide(new Question(recipient, purpose, resident, categories(codes), clock.instant()));
    }

    public int rows(String table) {
        return sql.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }
}
