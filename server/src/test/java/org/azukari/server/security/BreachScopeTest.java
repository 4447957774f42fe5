package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The breach scope on a populated bank, checked against what the access log says. Four residents'
 * records are pushed by a hospital; three consent to the world's clinic, one of them also to a
 * second clinic. The clinic's EMR (the "compromised" client) searches resident A before the window;
 * inside it searches A, B and C (then C erases everything) and is refused D (no consent); the
 * second clinic's EMR reads A inside the window; after it the compromised client searches B again.
 * The scope of the compromised client in the window is exactly A, B and C, each with the one
 * release the log holds for them and its receipt; D, the other clinic's release and the releases
 * outside the window are not in it. Then the operator notifies them: each sees a notice on their
 * home page (Japanese and English) and a NOTICE entry in their access log; D sees none.
 */
class BreachScopeTest extends RealIdentityWorld {

    private static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.19999999997";
    private static final String TREATMENT = "X-Azukari-Purpose: treatment";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Person(String username, PersonAccount account) {
        ResidentId resident() {
            return account.resident().orElseThrow();
        }
    }

    record Scene(List<Person> people, SystemClient compromised, SystemClient other, Instant from, Instant to) {
    }

    private static Scene scene;

    @Autowired
    Consents consents;

    @Autowired
    AccessLogSearch accessLog;

    @BeforeEach
    void populate() throws Exception {
        if (scene != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String feed = accessToken(registerSourceFeed("bsfeed-" + suffix, world().hospital()), "system/*.cu");
        OrganisationId otherClinic = organisation("bsclinic-" + suffix, OrganisationKind.CLINIC, "treatment");
        SystemClient compromised = registerClinicEmr("bsemr-" + suffix, world().clinic());
        SystemClient other = registerClinicEmr("bsother-" + suffix, otherClinic);
        List<Person> persons = new ArrayList<>();
        for (String label : List.of("a", "b", "c", "d")) {
            String username = "bs" + label + "-" + suffix;
            Person person = new Person(username, registerResident(username));
            String mrn = "bsmrn-" + label + "-" + suffix;
            people.linkEnrolment(new EnrolmentLink(person.resident(), world().hospital(), MRN_SYSTEM, mrn));
            RawHttp.Response pushed = http.send("POST", "/fhir", "application/fhir+json",
                    FhirReleaseTest.bundleFor(mrn, "bs" + label + suffix).replace(FhirReleaseTest.MRN_SYSTEM, MRN_SYSTEM),
                    bearer(feed));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            persons.add(person);
        }
        for (int i = 0; i < 3; i++) {
            grant(persons.get(i).resident(), world().clinic());
        }
        grant(persons.get(0).resident(), otherClinic);
        List<String> pseudonyms = new ArrayList<>();
        for (Person person : persons) {
            pseudonyms.add(exchange(compromised, shareCode(person)));
        }
        String otherPseudonymOfA = exchange(other, shareCode(persons.get(0)));

        assertThat(search(compromised, pseudonyms.get(0)).status()).isEqualTo(200); // before the window
        Instant from = Instant.now();
        for (int i = 0; i < 3; i++) {
            assertThat(search(compromised, pseudonyms.get(i)).status()).isEqualTo(200);
        }
        assertThat(search(compromised, pseudonyms.get(3)).status()).as("no consent").isEqualTo(404);
        assertThat(search(other, otherPseudonymOfA).status()).isEqualTo(200);
        erase(persons.get(2));
        Instant to = Instant.now();
        assertThat(search(compromised, pseudonyms.get(1)).status()).isEqualTo(200); // after the window
        scene = new Scene(List.copyOf(persons), compromised, other, from, to);
    }

    private void grant(ResidentId resident, OrganisationId clinic) {
        String text = "『診療』を目的として、『医療データ』を提供してよいですか？";
        consents.grant(resident, new ConsentTerms(Recipient.organisation(clinic.value()), new Purpose("treatment"),
                        Set.of(ConsentCategory.of(DataCategory.MEDICAL, "laboratory"),
                                ConsentCategory.of(DataCategory.MEDICAL, "vital-signs")),
                        ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"),
                new AccessActor("RESIDENT", "breach-test", Optional.empty(), Optional.empty()));
    }

    private String shareCode(Person person) throws IOException {
        String session = signInAs(person.username(), "resident");
        Matcher csrf = CSRF_FIELD.matcher(http.get("/portal", cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response answer = http.send("POST", "/portal/api/share-codes", "application/json", "{}",
                cookie(session), "X-CSRF-Token: " + csrf.group(1));
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(answer.body());
        assertThat(code.find()).as(answer.body()).isTrue();
        return code.group(1);
    }

    private String exchange(SystemClient emr, String code) throws Exception {
        RawHttp.Response answer = http.send("POST", "/fhir/Patient/$exchange-share-code", "application/fhir+json",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\"" + code + "\"}]}",
                bearer(accessToken(emr, "system/*.rs")), TREATMENT);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([a-z2-7]{26})\"").matcher(answer.body());
        assertThat(id.find()).as(answer.body()).isTrue();
        return id.group(1);
    }

    private RawHttp.Response search(SystemClient emr, String pseudonym) throws Exception {
        return http.get("/fhir/Observation?patient=" + pseudonym, bearer(accessToken(emr, "system/*.rs")), TREATMENT);
    }

    private void erase(Person person) throws IOException {
        String session = signInAs(person.username(), "resident");
        Matcher csrf = CSRF_FIELD.matcher(http.get("/portal/my-data/erase", cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response erased = http.postForm("/portal/my-data/erase", form("understood", "yes",
                "confirm", "erase-everything", "_csrf", csrf.group(1)), cookie(session));
        assertThat(erased.status()).isEqualTo(302);
    }

    private String window() {
        return "&from=" + scene.from() + "&to=" + scene.to();
    }

    private JsonNode scopeAsOperator(String query) throws IOException {
        RawHttp.Response answer = http.get("/api/operator/breach-scope?" + query, cookie(signIn("operator")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** What the access log itself holds: the compromised client's permitted releases with records, in the window. */
    private List<LoggedEntry> releasesInTheLog() {
        return accessLog.search(AccessLogQuery.builder().actorId(scene.compromised().id().value())
                        .from(scene.from()).to(scene.to()).decision(AccessDecision.PERMIT).limit(1000).build()).stream()
                .filter(l -> l.entry().action() == AccessAction.SEARCH && !l.entry().resourceCounts().isEmpty())
                .toList();
    }

    @Test
    void theScopeOfTheCompromisedClient_inTheWindow_isExactlyTheResidentsTheLogSaysItReleasedTo() throws Exception {
        JsonNode scope = scopeAsOperator("client=" + scene.compromised().id().value() + window());

        List<LoggedEntry> logged = releasesInTheLog();
        assertThat(logged).hasSize(3);
        Set<String> expectedAccounts = Set.of(account(0), account(1), account(2));
        Set<String> accounts = new HashSet<>();
        scope.get("items").forEach(item -> accounts.add(item.get("account").asText()));
        assertThat(accounts).isEqualTo(expectedAccounts).doesNotContain(account(3));
        assertThat(scope.get("residents").asInt()).isEqualTo(3);
        assertThat(scope.get("requests").asInt()).isEqualTo(3);
        int recordsInTheLog = logged.stream().mapToInt(l -> l.entry().resourceCounts().values().stream()
                .mapToInt(Integer::intValue).sum()).sum();
        assertThat(scope.get("records").asInt()).isEqualTo(recordsInTheLog).isPositive();
        Set<String> requestIds = new HashSet<>();
        scope.get("items").forEach(item -> {
            assertThat(item.get("requests").asInt()).isEqualTo(1);
            assertThat(item.get("categories").toString()).isEqualTo("[\"MEDICAL\"]");
            JsonNode release = item.get("releases").get(0);
            assertThat(release.get("client").asText()).isEqualTo(scene.compromised().id().value());
            assertThat(release.get("receipt").asText()).isNotBlank();
            assertThat(Instant.parse(release.get("at").asText())).isBetween(scene.from(), scene.to());
            requestIds.add(release.get("requestId").asText());
        });
        assertThat(requestIds).isEqualTo(logged.stream().map(l -> l.entry().requestId())
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void anErasedResident_staysInTheScope_markedErased_andOnlyThem() throws Exception {
        JsonNode scope = scopeAsOperator("client=" + scene.compromised().id().value() + window());

        scope.get("items").forEach(item -> assertThat(item.get("erased").asBoolean())
                .as(item.get("account").asText()).isEqualTo(item.get("account").asText().equals(account(2))));
    }

    @Test
    void theOtherClientsRelease_isInItsOwnScope_andTheOperatorNeverSeesResidentIds() throws Exception {
        JsonNode other = scopeAsOperator("client=" + scene.other().id().value() + window());
        String operatorBody = scopeAsOperator("client=" + scene.compromised().id().value() + window()).toString();

        assertThat(other.get("residents").asInt()).isEqualTo(1);
        assertThat(other.get("items").get(0).get("account").asText()).isEqualTo(account(0));
        for (Person person : scene.people()) {
            assertThat(operatorBody).doesNotContain(person.resident().toString());
        }
    }

    @Test
    void theWholeOrganisation_coversItsClientsReleases_andAnAccountThatReleasedNothing_hasAnEmptyScope() throws Exception {
        JsonNode clinic = scopeAsOperator("organisation=" + world().clinic().value() + window());
        JsonNode practitioner = scopeAsOperator("account=" + world().people().get("practitioner").account() + window());

        assertThat(clinic.get("residents").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(practitioner.get("residents").asInt()).isZero();
        assertThat(practitioner.get("items")).isEmpty();
    }

    @Test
    void theAuditor_seesTheSameScope_withResidentIds_andPagesThroughIt() throws Exception {
        String auditor = signIn("auditor");
        String base = "/api/audit/breach-scope?client=" + scene.compromised().id().value() + window();

        JsonNode first = JSON.readTree(http.get(base + "&limit=2", cookie(auditor)).body());
        JsonNode second = JSON.readTree(http.get(base + "&limit=2&offset=2", cookie(auditor)).body());

        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("next").asInt()).isEqualTo(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.has("next")).isFalse();
        Set<String> residents = new HashSet<>();
        first.get("items").forEach(i -> residents.add(i.get("resident").asText()));
        second.get("items").forEach(i -> residents.add(i.get("resident").asText()));
        assertThat(residents).containsExactlyInAnyOrder(scene.people().get(0).resident().toString(),
                scene.people().get(1).resident().toString(), scene.people().get(2).resident().toString());
    }

    @Test
    void badQueries_areRefusedWithProblemDetails_beforeTheLogIsRead() throws Exception {
        String operator = signIn("operator");
        String client = "client=" + scene.compromised().id().value();
        Object[][] cases = {
                {"from=" + scene.from() + "&to=" + scene.to(), "AL-0002"},
                {client + "&organisation=" + world().clinic().value() + window(), "AL-0002"},
                {client + "&from=" + scene.to() + "&to=" + scene.from(), "AL-0003"},
                {client + "&from=2020-01-01T00:00:00Z&to=2022-01-01T00:00:00Z", "AL-0003"},
                {client + "&to=" + scene.to(), "AL-0003"},
                {client + "&from=yesterday&to=" + scene.to(), "AL-0001"},
                {client + window() + "&limit=0", "CP-0120"},
                {client + window() + "&limit=101", "CP-0120"},
                {"account=not-an-account" + window(), "OP-0004"},
                {"client=Bad%20Client" + window(), "ID-0002"},
        };
        for (Object[] c : cases) {
            RawHttp.Response answer = http.get("/api/operator/breach-scope?" + c[0], cookie(operator));
            assertThat(answer.status()).as((String) c[0]).isEqualTo(400);
            assertThat(answer.header("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).as((String) c[0]).contains("\"code\":\"" + c[1] + "\"");
        }
        assertThat(http.get("/api/operator/breach-scope?" + client + window()).status()).isEqualTo(401);
        assertThat(http.get("/api/operator/breach-scope?" + client + window(), cookie(signIn("auditor"))).status())
                .isEqualTo(403);
        assertThat(http.get("/api/audit/breach-scope?" + client + window(), cookie(operator)).status()).isEqualTo(403);
    }

    @Test
    void theOperatorNotifiesTheScope_onceEach_andEachSeesANoticeAndALogEntry_theOthersNothing() throws Exception {
        String operator = signIn("operator");
        String csrf = csrfOf(operator, "/api/operator/whoami");
        String incident = "INC-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"client\":\"" + scene.compromised().id().value() + "\",\"from\":\"" + scene.from()
                + "\",\"to\":\"" + scene.to() + "\",\"incident\":\"" + incident + "\"}";

        RawHttp.Response withoutCsrf = http.send("POST", "/api/operator/breach-notices", "application/json", body,
                cookie(operator));
        RawHttp.Response badIncident = http.send("POST", "/api/operator/breach-notices", "application/json",
                body.replace(incident, "no spaces please"), cookie(operator), "X-CSRF-Token: " + csrf);
        RawHttp.Response first = http.send("POST", "/api/operator/breach-notices", "application/json", body,
                cookie(operator), "X-CSRF-Token: " + csrf);
        RawHttp.Response again = http.send("POST", "/api/operator/breach-notices", "application/json", body,
                cookie(operator), "X-CSRF-Token: " + csrf);

        assertThat(withoutCsrf.status()).isEqualTo(403);
        assertThat(badIncident.status()).isEqualTo(400);
        assertThat(badIncident.body()).contains("AL-0005");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"residents\":3").contains("\"notified\":3");
        assertThat(again.body()).contains("\"notified\":0").contains("\"alreadyNotified\":3");
        for (int i = 0; i < 4; i++) {
            Person person = scene.people().get(i);
            String session = signInAs(person.username(), "resident");
            String en = http.get("/portal", cookie(session), "Accept-Language: en").body();
            String ja = http.get("/portal", cookie(session), "Accept-Language: ja").body();
            long notices = accessLog.search(AccessLogQuery.forResident(person.resident())).stream()
                    .filter(l -> l.entry().action() == AccessAction.NOTICE && l.entry().requestId().equals(incident))
                    .count();
            if (i < 3) {
                assertThat(en).contains("Notice of a security incident").contains(incident).contains("Test "
                        + world().clinic().value());
                assertThat(ja).contains("情報漏えい等に関するお知らせ").contains(incident);
                assertThat(notices).isEqualTo(1);
                assertThat(http.get("/portal/access-log", cookie(session)).body()).contains("\"action\":\"NOTICE\"")
                        .contains("\"reason\":\"breach-notified\"");
            } else {
                assertThat(en).doesNotContain("Notice of a security incident").doesNotContain(incident);
                assertThat(notices).isZero();
            }
        }
        assertThat(new String(first.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .doesNotContain(scene.people().get(0).resident().toString());
    }

    private String account(int i) {
        return scene.people().get(i).account().account().toString();
    }
}
