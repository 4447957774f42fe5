package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.LoggedEntry;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
/**
 * The breach scope's API on the populated bank of {@link BreachScopeWorld}, checked against what the
 * access log says: the compromised client's scope in the window is exactly A, B and C. Then the
 * operator notifies them: each sees a notice on their home page (Japanese and English) and a NOTICE
 * entry in their access log; D sees none.
 */
class BreachScopeTest extends BreachScopeWorld {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String window() {
        return "&from=" + scene().from() + "&to=" + scene().to();
    }

    private JsonNode scopeAsOperator(String query) throws IOException {
        RawHttp.Response answer = http.get("/api/operator/breach-scope?" + query, cookie(signIn("operator")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** What the access log itself holds: the compromised client's permitted releases with records, in the window. */
    private List<LoggedEntry> releasesInTheLog() {
        return accessLog.search(AccessLogQuery.builder().actorId(scene().compromised().id().value())
                        .from(scene().from()).to(scene().to()).decision(AccessDecision.PERMIT).limit(1000).build()).stream()
                .filter(l -> l.entry().action() == AccessAction.SEARCH && !l.entry().resourceCounts().isEmpty())
                .toList();
    }

    @Test
    void theScopeOfTheCompromisedClient_inTheWindow_isExactlyTheResidentsTheLogSaysItReleasedTo() throws Exception {
        JsonNode scope = scopeAsOperator("client=" + scene().compromised().id().value() + window());

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
            assertThat(release.get("client").asText()).isEqualTo(scene().compromised().id().value());
            assertThat(release.get("receipt").asText()).isNotBlank();
            assertThat(Instant.parse(release.get("at").asText())).isBetween(scene().from(), scene().to());
            requestIds.add(release.get("requestId").asText());
        });
        assertThat(requestIds).isEqualTo(logged.stream().map(l -> l.entry().requestId())
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void anErasedResident_staysInTheScope_markedErased_andOnlyThem() throws Exception {
        JsonNode scope = scopeAsOperator("client=" + scene().compromised().id().value() + window());

        scope.get("items").forEach(item -> assertThat(item.get("erased").asBoolean())
                .as(item.get("account").asText()).isEqualTo(item.get("account").asText().equals(account(2))));
    }

    @Test
    void theOtherClientsRelease_isInItsOwnScope_andTheOperatorNeverSeesResidentIds() throws Exception {
        JsonNode other = scopeAsOperator("client=" + scene().other().id().value() + window());
        String operatorBody = scopeAsOperator("client=" + scene().compromised().id().value() + window()).toString();

        assertThat(other.get("residents").asInt()).isEqualTo(1);
        assertThat(other.get("items").get(0).get("account").asText()).isEqualTo(account(0));
        for (Person person : scene().people()) {
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
        String base = "/api/audit/breach-scope?client=" + scene().compromised().id().value() + window();

        JsonNode first = JSON.readTree(http.get(base + "&limit=2", cookie(auditor)).body());
        JsonNode second = JSON.readTree(http.get(base + "&limit=2&offset=2", cookie(auditor)).body());

        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("next").asInt()).isEqualTo(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.has("next")).isFalse();
        Set<String> residents = new HashSet<>();
        first.get("items").forEach(i -> residents.add(i.get("resident").asText()));
        second.get("items").forEach(i -> residents.add(i.get("resident").asText()));
        assertThat(residents).containsExactlyInAnyOrder(scene().people().get(0).resident().toString(),
                scene().people().get(1).resident().toString(), scene().people().get(2).resident().toString());
    }

    @Test
    void badQueries_areRefusedWithProblemDetails_beforeTheLogIsRead() throws Exception {
        String operator = signIn("operator");
        String client = "client=" + scene().compromised().id().value();
        Object[][] cases = {
                {"from=" + scene().from() + "&to=" + scene().to(), "AL-0002"},
                {client + "&organisation=" + world().clinic().value() + window(), "AL-0002"},
                {client + "&from=" + scene().to() + "&to=" + scene().from(), "AL-0003"},
                {client + "&from=2020-01-01T00:00:00Z&to=2022-01-01T00:00:00Z", "AL-0003"},
                {client + "&to=" + scene().to(), "AL-0003"},
                {client + "&from=yesterday&to=" + scene().to(), "AL-0001"},
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
        String body = "{\"client\":\"" + scene().compromised().id().value() + "\",\"from\":\"" + scene().from()
                + "\",\"to\":\"" + scene().to() + "\",\"incident\":\"" + incident + "\"}";

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
            Person person = scene().people().get(i);
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
                .doesNotContain(scene().people().get(0).resident().toString());
    }

}
