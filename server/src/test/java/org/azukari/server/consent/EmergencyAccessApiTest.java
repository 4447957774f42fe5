package org.azukari.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentId;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.server.CurrentLogFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Break-glass over HTTP: an operator gives a practitioner the emergency role, the practitioner
 * opens access to a resident their organisation knows by an identifier, the decision point
 * honours it for that organisation only, and the resident and the review queue see it.
 * Registers its own clinic, practitioners and resident so no other test class is affected.
 */
class EmergencyAccessApiTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([A-Za-z0-9_-]+)\"");
    private static final Pattern TIME = Pattern.compile("\"%s\":\"([^\"]+)\"");
    private static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.1";

    /** Built once: registration is slow (Argon2id). */
    private static Ours ours;

    @Autowired
    EmergencyAccesses emergencies;

    @Autowired
    ConsentDecisionPoint decisions;

    @Autowired
    DataSource dataSource;

    record Ours(OrganisationId clinic, PersonAccount doctor, String doctorName, PersonAccount onCall,
                String onCallName, PersonAccount resident, String residentName, String mrn) {
    }

    record Session(String cookie, String csrf) {
    }

    @BeforeEach
    void registerOurs() {
        if (ours != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId clinic = new OrganisationId("er-" + suffix);
        organisations.registerOrganisation(new Organisation(clinic, OrganisationKind.HOSPITAL, "ER " + suffix,
                Set.of(new Purpose("treatment"))));
        PersonAccount doctor = people.registerPractitioner(clinic, new AccountCredentials("erdoc-" + suffix, PASSWORD));
        PersonAccount onCall = people.registerPractitioner(clinic, new AccountCredentials("oncall-" + suffix, PASSWORD));
        PersonAccount resident = people.registerResident(new AccountCredentials("erres-" + suffix, PASSWORD),
                AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        String mrn = "MRN-" + suffix;
        people.linkEnrolment(new EnrolmentLink(resident.resident().orElseThrow(), clinic, MRN_SYSTEM, mrn));
        people.grantEmergencyRole(onCall.account(), world().people().get("operator").account());
        ours = new Ours(clinic, doctor, "erdoc-" + suffix, onCall, "oncall-" + suffix, resident, "erres-" + suffix,
                mrn);
    }

    private Session portal(String username) throws Exception {
        String session = signInAs(username, username);
        Matcher m = CSRF_FIELD.matcher(http.get("/portal", cookie(session)).body());
        assertThat(m.find()).isTrue();
        return new Session(session, m.group(1));
    }

    private Session operator() throws Exception {
        String session = signIn("operator");
        return new Session(session, csrfOf(session, "/api/operator/whoami"));
    }

    private RawHttp.Response send(Session s, String method, String path, String json) throws Exception {
        return http.send(method, path, "application/json", json, cookie(s.cookie()), "X-CSRF-Token: " + s.csrf());
    }

    private static String openJson(String system, String value, String reason) {
        return "{\"system\":\"" + system + "\",\"value\":\"" + value + "\",\"reason\":\"" + reason + "\"}";
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile(String.format(TIME.pattern(), name)).matcher(body);
        assertThat(m.find()).as(name + " in " + body).isTrue();
        return m.group(1);
    }

    private ResidentId resident() {
        return ours.resident().resident().orElseThrow();
    }

    private PersonAccount newPractitioner() {
        return people.registerPractitioner(ours.clinic(), new AccountCredentials("erdoc-"
                + UUID.randomUUID().toString().substring(0, 8), PASSWORD));
    }

    private static List<JsonNode> entries(RawHttp.Response answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(new ObjectMapper().readTree(answer.body()).spliterator(), false).toList();
    }

    /** The auditors' view of what {@code actor} did, newest first. */
    private List<JsonNode> auditedActionsOf(String actor) throws Exception {
        return entries(http.get("/api/audit/entries?actor=" + actor + "&limit=1000", cookie(signIn("auditor"))));
    }

    private List<JsonNode> residentsOwnLog() throws Exception {
        return entries(http.get("/portal/access-log", cookie(portal(ours.residentName()).cookie())));
    }

    /** Runs {@code action} while the access log cannot be written (its head row's table is away). */
    private <T> T withTheAccessLogDown(java.util.concurrent.Callable<T> action) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("ALTER TABLE cp_access_log_head RENAME TO cp_access_log_head_down");
        try {
            return action.call();
        } finally {
            jdbc.execute("ALTER TABLE cp_access_log_head_down RENAME TO cp_access_log_head");
        }
    }

    @Test
    void operatorGrantsTheRole_practitionerOpens_forTheDefaultCategoriesAnd24Hours_seenByResidentAndQueue()
            throws Exception {
        Session operator = operator();
        Session doctor = portal(ours.doctorName());
        String reason = "unconscious on arrival, marker " + UUID.randomUUID();
        String role = "/api/operator/practitioners/" + ours.doctor().account() + "/emergency-role";

        assertThat(send(doctor, "POST", "/portal/api/emergency-access", openJson(MRN_SYSTEM, ours.mrn(), reason))
                .status()).isEqualTo(403);

        RawHttp.Response granted = send(operator, "POST", role, "");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.body()).contains("\"emergencyRole\":true");
        assertThat(people.holdsEmergencyRole(ours.doctor().account())).isTrue();

        Instant before = Instant.now();
        RawHttp.Response opened = send(doctor, "POST", "/portal/api/emergency-access",
                openJson(MRN_SYSTEM, ours.mrn(), reason));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.body()).contains("\"categories\":[\"MEDICAL/allergy\",\"MEDICAL/diagnosis\","
                + "\"MEDICAL/immunization\",\"MEDICAL/medication\"]").doesNotContain(reason)
                .doesNotContain(resident().value().toString());
        Matcher id = ID.matcher(opened.body());
        assertThat(id.find()).isTrue();
        ConsentId openingId = new ConsentId(id.group(1));
        Instant openedAt = Instant.parse(field(opened.body(), "opened"));
        Instant until = Instant.parse(field(opened.body(), "until"));
        assertThat(Duration.between(openedAt, until)).isEqualTo(Duration.ofHours(24));
        assertThat(Duration.between(before, openedAt).abs()).isLessThan(Duration.ofMinutes(1));
        EmergencyAccess stored = emergencies.find(openingId).orElseThrow();
        assertThat(stored.resident()).isEqualTo(resident());
        assertThat(stored.practitioner()).isEqualTo(ours.doctor().account().toString());
        assertThat(stored.recipient()).isEqualTo(Recipient.organisation(ours.clinic().value()));

        // the decision point: the opened categories for this organisation, nothing else, no one else
        Set<ConsentCategory> asked = Set.of(ConsentCategory.parse("MEDICAL/allergy"),
                ConsentCategory.parse("MEDICAL/medication"), ConsentCategory.parse("MEDICAL/laboratory"));
        ConsentDecisionPoint.Decision forUs = decisions.decide(new ConsentDecisionPoint.Question(
                Recipient.organisation(ours.clinic().value()), new Purpose("treatment"), resident(), asked,
                Instant.now()));
        assertThat(forUs.permit()).isTrue();
        assertThat(forUs.emergency()).isTrue();
        assertThat(forUs.permitted()).containsExactlyInAnyOrder(ConsentCategory.parse("MEDICAL/allergy"),
                ConsentCategory.parse("MEDICAL/medication"));
        for (OrganisationId other : Set.of(world().clinic(), world().hospital())) {
            assertThat(decisions.decide(new ConsentDecisionPoint.Question(Recipient.organisation(other.value()),
                    new Purpose("treatment"), resident(), asked, Instant.now())).permit()).as(other.value()).isFalse();
        }
        assertThat(decisions.decide(new ConsentDecisionPoint.Question(Recipient.organisation(ours.clinic().value()),
                new Purpose("treatment"), resident(), asked, until.plusSeconds(1))).permit()).isFalse();

        // visible to the resident, and in the operators' review queue
        RawHttp.Response mine = http.get("/portal/api/emergency-accesses", cookie(portal(ours.residentName()).cookie()));
        assertThat(mine.body()).contains(openingId.value()).contains(reason).contains("\"open\":true");
        assertThat(http.get("/portal/api/emergency-accesses", cookie(signIn("resident-b"))).body())
                .doesNotContain(openingId.value());
        assertThat(http.get("/api/operator/emergency-accesses?unreviewed=true", cookie(operator.cookie())).body())
                .contains(openingId.value());

        // never the reason (nor the identifier) in the application log
        String log = Files.readString(CurrentLogFile.path());
        assertThat(log).doesNotContain(reason).doesNotContain(ours.mrn());

        // revoked: refused at once
        RawHttp.Response revoked = send(operator, "DELETE", role, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"emergencyRole\":false");
        assertThat(send(doctor, "POST", "/portal/api/emergency-access", openJson(MRN_SYSTEM, ours.mrn(), reason))
                .status()).isEqualTo(403);
    }

    @Test
    void practitionerWithoutTheRole_andResidents_areRefused_andNothingIsOpened() throws Exception {
        int before = emergencies.forResident(resident()).size();
        String body = openJson(MRN_SYSTEM, ours.mrn(), "patient unconscious, no relatives reachable");

        RawHttp.Response practitioner = send(portal(usernameOf("practitioner")), "POST",
                "/portal/api/emergency-access", body);
        RawHttp.Response resident = send(portal(ours.residentName()), "POST", "/portal/api/emergency-access", body);
        RawHttp.Response otherResident = send(portal(usernameOf("resident-a")), "POST", "/portal/api/emergency-access",
                body);

        for (RawHttp.Response refused : new RawHttp.Response[] {practitioner, resident, otherResident}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).contains("application/problem+json");
            assertThat(refused.body()).contains("\"code\":\"CP-0234\"");
        }
        assertThat(emergencies.forResident(resident())).hasSize(before);
    }

    @Test
    void unknownIdentifier_isNotFound_quotingNothing_andAShortOrLongReasonIsBadInput() throws Exception {
        Session onCall = portal(ours.onCallName());
        int before = emergencies.forResident(resident()).size();
        String reason = "anaphylaxis, history unknown";

        RawHttp.Response unknown = send(onCall, "POST", "/portal/api/emergency-access",
                openJson(MRN_SYSTEM, "MRN-NOBODY-42", reason));
        RawHttp.Response otherSystem = send(onCall, "POST", "/portal/api/emergency-access",
                openJson("urn:other", ours.mrn(), reason));
        RawHttp.Response shortReason = send(onCall, "POST", "/portal/api/emergency-access",
                openJson(MRN_SYSTEM, ours.mrn(), "urgent"));
        RawHttp.Response longReason = send(onCall, "POST", "/portal/api/emergency-access",
                openJson(MRN_SYSTEM, ours.mrn(), "x".repeat(501)));
        RawHttp.Response noValue = send(onCall, "POST", "/portal/api/emergency-access",
                "{\"system\":\"" + MRN_SYSTEM + "\",\"reason\":\"" + reason + "\"}");
        RawHttp.Response notJson = send(onCall, "POST", "/portal/api/emergency-access", "{nope");

        for (RawHttp.Response missing : new RawHttp.Response[] {unknown, otherSystem}) {
            assertThat(missing.status()).as(missing.body()).isEqualTo(404);
            assertThat(missing.header("Content-Type")).contains("application/problem+json");
            assertThat(missing.body()).doesNotContain("MRN-").doesNotContain("urn:other").doesNotContain(MRN_SYSTEM)
                    .doesNotContain(reason);
        }
        for (RawHttp.Response bad : new RawHttp.Response[] {shortReason, longReason, noValue, notJson}) {
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.header("Content-Type")).contains("application/problem+json");
            assertThat(bad.body()).doesNotContain("MRN-").doesNotContain("xxxxxxxxxx");
        }
        assertThat(emergencies.forResident(resident())).hasSize(before);
    }

    @Test
    void theRole_isOnlyForPractitioners_otherAccountsAreNotFound() throws Exception {
        Session operator = operator();

        for (String account : new String[] {ours.resident().account().toString(),
                world().people().get("operator").account().toString(), UUID.randomUUID().toString(), "nope"}) {
            RawHttp.Response answer = send(operator, "POST", "/api/operator/practitioners/" + account
                    + "/emergency-role", "");
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.header("Content-Type")).contains("application/problem+json");
            assertThat(send(operator, "DELETE", "/api/operator/practitioners/" + account + "/emergency-role", null)
                    .status()).isEqualTo(404);
        }
        assertThat(send(portal(ours.onCallName()), "POST", "/api/operator/practitioners/"
                + ours.doctor().account() + "/emergency-role", "").status()).isEqualTo(403);
    }

    @Test
    void operatorsGrantsAndRevocations_areLogged_withTheOperatorThePractitionerAndTheOutcome() throws Exception {
        Session operator = operator();
        PersonAccount practitioner = newPractitioner();
        String role = "/api/operator/practitioners/" + practitioner.account() + "/emergency-role";

        for (String method : new String[] {"POST", "POST", "DELETE", "DELETE"}) {
            RawHttp.Response answer = send(operator, method, role, method.equals("POST") ? "" : null);
            assertThat(answer.status()).as(method + " " + answer.body()).isEqualTo(200);
        }

        String operatorId = world().people().get("operator").account().toString();
        List<JsonNode> aboutThem = auditedActionsOf(operatorId).stream()
                .filter(e -> practitioner.account().toString().equals(e.path("subject").asText())).toList();
        assertThat(aboutThem).extracting(e -> e.get("reason").asText()).containsExactly("emergency-role-not-held",
                "emergency-role-revoked", "emergency-role-already-held", "emergency-role-granted");
        assertThat(aboutThem).allSatisfy(e -> {
            assertThat(e.get("actorKind").asText()).isEqualTo("OPERATOR");
            assertThat(e.get("action").asText()).isEqualTo("EMERGENCY_ACCESS");
            assertThat(e.get("decision").asText()).isEqualTo("PERMIT");
            assertThat(e.get("emergency").asBoolean()).isTrue();
            assertThat(e.has("resident")).isFalse();
        });
    }

    @Test
    void anOpening_andItsReview_areInTheResidentsAccessLog_flaggedAsEmergency_withoutReasonOrNote() throws Exception {
        String reason = "collapsed in the street, marker " + UUID.randomUUID();
        String note = "checked with the ward, marker " + UUID.randomUUID();
        RawHttp.Response opened = send(portal(ours.onCallName()), "POST", "/portal/api/emergency-access",
                openJson(MRN_SYSTEM, ours.mrn(), reason));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = field(opened.body(), "id");

        RawHttp.Response reviewed = send(operator(), "POST", "/api/operator/emergency-accesses/" + id + "/review",
                "{\"note\":\"" + note + "\"}");
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.body()).contains("\"reviewed\":true");

        List<JsonNode> own = residentsOwnLog();
        assertThat(own).filteredOn(e -> e.get("reason").asText().equals("emergency-access")
                        && e.get("action").asText().equals("EMERGENCY_ACCESS"))
                .anySatisfy(e -> {
                    assertThat(e.get("emergency").asBoolean()).isTrue();
                    assertThat(e.get("actorKind").asText()).isEqualTo("PRACTITIONER");
                    assertThat(e.get("organisation").asText()).isEqualTo(ours.clinic().value());
                    assertThat(e.get("purpose").asText()).isEqualTo("emergency");
                });
        assertThat(own).filteredOn(e -> e.get("reason").asText().equals("emergency-access-reviewed"))
                .anySatisfy(e -> {
                    assertThat(e.get("emergency").asBoolean()).isTrue();
                    assertThat(e.get("actorKind").asText()).isEqualTo("OPERATOR");
                });
        List<JsonNode> audited = entries(http.get("/api/audit/entries?resident=" + resident().value() + "&limit=1000",
                cookie(signIn("auditor"))));
        assertThat(audited).filteredOn(e -> e.get("consents").toString().contains(id))
                .extracting(e -> e.get("reason").asText())
                .containsExactly("emergency-access-reviewed", "emergency-access");
        assertThat(own.toString() + audited).doesNotContain(reason).doesNotContain(note);
        assertThat(Files.readString(CurrentLogFile.path())).doesNotContain(reason).doesNotContain(note);
        assertThat(http.get("/api/operator/emergency-accesses?unreviewed=true", cookie(operator().cookie())).body())
                .doesNotContain(id);
        RawHttp.Response again = send(operator(), "POST", "/api/operator/emergency-accesses/" + id + "/review",
                "{\"note\":\"" + note + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("CP-0233");
    }

    @Test
    void whenTheAccessLogIsDown_roleChangesOpeningsAndReviews_answer503_andNothingChanges() throws Exception {
        Session operator = operator();
        Session onCall = portal(ours.onCallName());
        PersonAccount practitioner = newPractitioner();
        RawHttp.Response opened = send(onCall, "POST", "/portal/api/emergency-access",
                openJson(MRN_SYSTEM, ours.mrn(), "seizure at the station, no history"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        ConsentId toReview = new ConsentId(field(opened.body(), "id"));
        int openings = emergencies.forResident(resident()).size();

        List<RawHttp.Response> refused = withTheAccessLogDown(() -> List.of(
                send(operator, "POST", "/api/operator/practitioners/" + practitioner.account() + "/emergency-role", ""),
                send(operator, "DELETE", "/api/operator/practitioners/" + ours.onCall().account() + "/emergency-role",
                        null),
                send(onCall, "POST", "/portal/api/emergency-access",
                        openJson(MRN_SYSTEM, ours.mrn(), "seizure at the station, no history")),
                send(operator, "POST", "/api/operator/emergency-accesses/" + toReview.value() + "/review",
                        "{\"note\":\"looked at it\"}")));

        for (RawHttp.Response answer : refused) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.header("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("nothing was changed");
        }
        assertThat(people.holdsEmergencyRole(practitioner.account())).isFalse();
        assertThat(people.holdsEmergencyRole(ours.onCall().account())).isTrue();
        assertThat(emergencies.forResident(resident())).hasSize(openings);
        assertThat(emergencies.find(toReview).orElseThrow().review()).isEmpty();
        assertThat(emergencies.unreviewed()).extracting(EmergencyAccess::id).contains(toReview);
    }
}
