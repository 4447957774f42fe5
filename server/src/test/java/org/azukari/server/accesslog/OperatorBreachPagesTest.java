package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessLogQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;

/**
 * The operator's breach-scope page over HTTP on the populated bank of {@link BreachScopeWorld}: the
 * accounts the operator API lists for the same window (never a resident id), in both languages, and
 * the "notify these residents" form: refused without the session's token, otherwise each resident
 * in the scope told once (a NOTICE entry under the incident), again nobody twice; only operators.
 */
class OperatorBreachPagesTest extends BreachScopeWorld {

    private static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT_ROW = Pattern.compile("data-account=\"([^\"]+)\"");

    private String operator;

    @BeforeEach
    void signInAsOperator() throws Exception {
        operator = signIn("operator");
    }

    private String days() {
        return "&from=" + LocalDate.ofInstant(scene().from(), CITY) + "&to=" + LocalDate.ofInstant(scene().to(), CITY);
    }

    private String pageQuery() {
        return "/operator/breach-scope?kind=client&id=" + scene().compromised().id().value() + days();
    }

    @Test
    void thePage_listsTheAccountsTheOperatorApiLists_andNeverAResidentId() throws Exception {
        LocalDate first = LocalDate.ofInstant(scene().from(), CITY);
        LocalDate last = LocalDate.ofInstant(scene().to(), CITY);
        JsonNode api = JSON.readTree(http.get("/api/operator/breach-scope?client=" + scene().compromised().id().value()
                + "&from=" + first.atStartOfDay(CITY).toInstant() + "&to=" + last.plusDays(1).atStartOfDay(CITY)
                .toInstant() + "&limit=100", cookie(operator)).body());
        RawHttp.Response en = http.get(pageQuery(), cookie(operator), "Accept-Language: en");
        RawHttp.Response ja = http.get(pageQuery() + "&lang=ja", cookie(operator), "Accept-Language: en");

        assertThat(en.status()).as(en.body()).isEqualTo(200);
        Set<String> expected = new HashSet<>();
        api.get("items").forEach(item -> expected.add(item.get("account").asText()));
        assertThat(new HashSet<>(ACCOUNT_ROW.matcher(en.body()).results().map(m -> m.group(1)).toList()))
                .isEqualTo(expected).containsExactlyInAnyOrder(account(0), account(1), account(2));
        expected.forEach(account -> assertThat(en.body()).contains("<td><code>" + account + "</code></td>"));
        for (Person person : scene().people()) {
            assertThat(en.body()).doesNotContain(person.resident().toString());
        }
        assertThat(en.body()).contains("Notify these residents").contains("name=\"_csrf\"")
                .doesNotContain("<script").doesNotContain("style=");
        assertThat(en.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(ja.body()).contains("漏えいの範囲").contains("これらの住民に知らせる").contains("lang=\"ja\"");
        assertThat(http.get("/operator", cookie(operator), "Accept-Language: en").body())
                .contains("href=\"/operator/breach-scope\"");
    }

    @Test
    void notify_withTheToken_tellsEachResidentInTheScopeOnce_andWithoutItNobody() throws Exception {
        String incident = "INC-" + UUID.randomUUID().toString().substring(0, 8);
        Matcher csrf = CSRF_FIELD.matcher(http.get(pageQuery(), cookie(operator)).body());
        assertThat(csrf.find()).isTrue();
        String[] fields = {"kind", "client", "id", scene().compromised().id().value(), "from",
                LocalDate.ofInstant(scene().from(), CITY).toString(), "to",
                LocalDate.ofInstant(scene().to(), CITY).toString(), "incident", incident};

        RawHttp.Response withoutToken = http.postForm("/operator/breach-scope/notify", form(fields), cookie(operator));
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(noticesOf(incident)).isZero();

        String[] withToken = java.util.Arrays.copyOf(fields, fields.length + 2);
        withToken[fields.length] = "_csrf";
        withToken[fields.length + 1] = csrf.group(1);
        RawHttp.Response first = http.postForm("/operator/breach-scope/notify", form(withToken), cookie(operator));
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        String shown = http.get(first.header("Location"), cookie(operator), "Accept-Language: en").body();
        RawHttp.Response again = http.postForm("/operator/breach-scope/notify", form(withToken), cookie(operator));
        String shownAgain = http.get(again.header("Location"), cookie(operator), "Accept-Language: en").body();

        assertThat(shown).contains("3 residents notified.");
        assertThat(shownAgain).contains("0 residents notified.");
        assertThat(noticesOf(incident)).isEqualTo(3);
        for (int i = 0; i < 4; i++) {
            long told = accessLog.search(AccessLogQuery.forResident(scene().people().get(i).resident())).stream()
                    .filter(l -> l.entry().action() == AccessAction.NOTICE && l.entry().requestId().equals(incident))
                    .count();
            assertThat(told).as("resident " + i).isEqualTo(i < 3 ? 1 : 0);
        }
    }

    private long noticesOf(String incident) {
        return scene().people().stream().mapToLong(p -> accessLog.search(AccessLogQuery.forResident(p.resident()))
                .stream().filter(l -> l.entry().action() == AccessAction.NOTICE
                        && l.entry().requestId().equals(incident)).count()).sum();
    }

    @Test
    void badInput_isTheBadInputPage_withoutEchoingIt_andOtherKindsAreRefused() throws Exception {
        Matcher csrf = CSRF_FIELD.matcher(http.get(pageQuery(), cookie(operator)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response badIncident = http.postForm("/operator/breach-scope/notify", form("kind", "client", "id",
                scene().compromised().id().value(), "from", LocalDate.ofInstant(scene().from(), CITY).toString(), "to",
                LocalDate.ofInstant(scene().to(), CITY).toString(), "incident", "<script>", "_csrf", csrf.group(1)),
                cookie(operator));
        RawHttp.Response badKind = http.get("/operator/breach-scope?kind=%3Cscript%3E&id=x" + days(), cookie(operator));

        assertThat(badIncident.status()).isEqualTo(400);
        assertThat(badIncident.body()).contains("AU-0001").doesNotContain("<script>");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body()).contains("AU-0001").doesNotContain("<script>");
        for (String who : List.of("auditor", "resident-a", "practitioner")) {
            assertThat(http.get(pageQuery(), cookie(signIn(who))).status()).as(who).isEqualTo(403);
        }
    }
}
