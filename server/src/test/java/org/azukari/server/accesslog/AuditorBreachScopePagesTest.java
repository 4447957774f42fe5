package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.RawHttp;

/**
 * The auditor's breach-scope page over HTTP on the populated bank of {@link BreachScopeWorld}: for
 * the compromised client and the day of the scene, it lists exactly the residents that
 * {@code GET /api/audit/breach-scope} lists for the same window, each with the same counts, request
 * ids and receipts, and the erased one marked; in English and Japanese under the CSP; only for
 * auditors; bad input the 400 page without echoing it; the log unavailable the 503 page.
 */
class AuditorBreachScopePagesTest extends BreachScopeWorld {

    private static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESIDENT_ROW = Pattern.compile("data-resident=\"([^\"]+)\"");

    @Autowired
    DataSource dataSource;

    private String auditor;

    @BeforeEach
    void signInAsAuditor() throws Exception {
        auditor = signIn("auditor");
    }

    private LocalDate firstDay() {
        return LocalDate.ofInstant(scene().from(), CITY);
    }

    private LocalDate lastDay() {
        return LocalDate.ofInstant(scene().to(), CITY);
    }

    /** The page's question: the compromised client over the scene's day(s). */
    private String pageQuery() {
        return "/audit/breach-scope?kind=client&id=" + scene().compromised().id().value() + "&from=" + firstDay()
                + "&to=" + lastDay();
    }

    /** The same question of the auditor API: from the first day's start to the day after the last, Japan time. */
    private JsonNode apiAnswer() throws Exception {
        RawHttp.Response answer = http.get("/api/audit/breach-scope?client=" + scene().compromised().id().value()
                + "&from=" + firstDay().atStartOfDay(CITY).toInstant() + "&to="
                + lastDay().plusDays(1).atStartOfDay(CITY).toInstant() + "&limit=100", cookie(auditor));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private RawHttp.Response get(String path, String... more) throws Exception {
        String[] lines = new String[more.length + 1];
        System.arraycopy(more, 0, lines, 0, more.length);
        lines[more.length] = cookie(auditor);
        return http.get(path, lines);
    }

    @Test
    void thePage_listsExactlyTheResidentsTheAuditorApiLists_withTheirCountsRequestsAndReceipts() throws Exception {
        JsonNode api = apiAnswer();
        RawHttp.Response page = get(pageQuery(), "Accept-Language: en");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Set<String> listed = new HashSet<>(RESIDENT_ROW.matcher(page.body()).results().map(m -> m.group(1)).toList());
        Set<String> expected = new HashSet<>();
        api.get("items").forEach(item -> expected.add(item.get("resident").asText()));
        assertThat(listed).isEqualTo(expected).hasSize(3).containsExactlyInAnyOrder(
                scene().people().get(0).resident().toString(), scene().people().get(1).resident().toString(),
                scene().people().get(2).resident().toString());
        assertThat(page.body()).doesNotContain(scene().people().get(3).resident().toString())
                .contains("id=\"total-residents\">" + api.get("residents").asInt() + "<")
                .contains("id=\"total-requests\">" + api.get("requests").asInt() + "<")
                .contains("id=\"total-records\">" + api.get("records").asInt() + "<")
                .doesNotContain("id=\"next\"");
        for (JsonNode item : api.get("items")) {
            String row = rowOf(page.body(), item.get("resident").asText());
            assertThat(row).contains("<td><code>" + item.get("resident").asText() + "</code></td>")
                    .contains(item.get("erased").asBoolean() ? ">Erased<" : ">No<");
            for (JsonNode release : item.get("releases")) {
                assertThat(row).contains("data-sequence=\"" + release.get("sequence").asLong() + "\"")
                        .contains("<code>" + release.get("requestId").asText() + "</code>")
                        .contains("<code class=\"receipt\">" + release.get("receipt").asText() + "</code>");
            }
        }
        assertThat(rowOf(page.body(), scene().people().get(2).resident().toString())).contains(">Erased<");
    }

    private static String rowOf(String page, String resident) {
        int start = page.indexOf("data-resident=\"" + resident + "\"");
        assertThat(start).as(resident).isPositive();
        int end = page.indexOf("</tr>", start);
        return page.substring(start, end);
    }

    @Test
    void thePage_pagesByOffset_asTheApiDoes() throws Exception {
        RawHttp.Response rest = get(pageQuery() + "&offset=2", "Accept-Language: en");
        RawHttp.Response beyond = get(pageQuery() + "&offset=3", "Accept-Language: en");

        assertThat(rest.status()).isEqualTo(200);
        assertThat(RESIDENT_ROW.matcher(rest.body()).results().count()).isEqualTo(1);
        assertThat(rest.body()).contains("Residents 3 to 3 of 3");
        assertThat(RESIDENT_ROW.matcher(beyond.body()).results().count()).isZero();
    }

    @Test
    void thePage_isInEnglishAndJapanese_underTheCsp_andTheHomePageLinksToIt() throws Exception {
        RawHttp.Response en = get(pageQuery(), "Accept-Language: en");
        RawHttp.Response ja = get(pageQuery() + "&lang=ja", "Accept-Language: en");
        RawHttp.Response empty = get("/audit/breach-scope", "Accept-Language: en");

        assertThat(en.body()).contains("<h1 id=\"page-title\">Breach scope</h1>").contains("lang=\"en\"")
                .contains("Affected residents").doesNotContain("<script").doesNotContain("style=");
        assertThat(en.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(en.header("Cache-Control")).isEqualTo("no-store");
        assertThat(ja.status()).isEqualTo(200);
        assertThat(ja.body()).contains("漏えいの範囲").contains("影響を受けた住民").contains("消去済み").contains("lang=\"ja\"");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("<form").doesNotContain("id=\"totals\"");
        assertThat(get("/audit", "Accept-Language: en").body()).contains("href=\"/audit/breach-scope\"");
    }

    @Test
    void otherKindsOfPeople_areRefusedThePage_thatTheAuditorIsShown() throws Exception {
        assertThat(get(pageQuery()).status()).isEqualTo(200);
        for (String who : List.of("resident-a", "practitioner", "operator")) {
            assertThat(http.get(pageQuery(), cookie(signIn(who))).status()).as(who).isEqualTo(403);
        }
        RawHttp.Response signedOut = http.get(pageQuery());
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.header("Location")).contains("/signin");
    }

    @Test
    void badInput_isTheBadInputPage_withoutEchoingIt_andTheQuerysOwnRefusalsKeepTheirCode() throws Exception {
        String client = scene().compromised().id().value();
        String days = "&from=" + firstDay() + "&to=" + lastDay();
        List<String> malformed = List.of("kind=%3Cscript%3E&id=" + client + days, "kind=client&id=" + days,
                "kind=client&id=%3Cscript%3E" + days, "kind=account&id=Console_A" + days,
                "kind=organisation&id=" + "x".repeat(65) + days, "kind=client&id=" + client + "&from=yesterday&to="
                        + lastDay(), "kind=client&id=" + client + days + "&offset=-1",
                "kind=client&id=" + client + days + "&offset=%3Cscript%3E");
        for (String query : malformed) {
            RawHttp.Response answer = get("/audit/breach-scope?" + query, "Accept-Language: en");

            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.body()).as(query).contains("id=\"error-code\"").contains("AU-0001")
                    .doesNotContain("<script>").doesNotContain("Console_A").doesNotContain("yesterday")
                    .doesNotContain("Exception");
        }
        for (String window : List.of("&from=2020-01-01&to=2022-01-01", "&from=" + lastDay().plusDays(1) + "&to="
                + firstDay())) {
            RawHttp.Response answer = get("/audit/breach-scope?kind=client&id=" + client + window);

            assertThat(answer.status()).as(window).isEqualTo(400);
            assertThat(answer.body()).as(window).contains("AL-0003").doesNotContain("Exception");
        }
    }

    @Test
    void theLogUnavailable_isThe503PageWithRetryAfter() throws Exception {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        sql.execute("ALTER TABLE cp_access_log RENAME TO cp_access_log_away");
        try {
            RawHttp.Response answer = get(pageQuery(), "Accept-Language: en");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("30");
            assertThat(answer.header("Content-Type")).startsWith("text/html");
            assertThat(answer.body()).doesNotContain("Exception");
        } finally {
            sql.execute("ALTER TABLE cp_access_log_away RENAME TO cp_access_log");
        }
    }
}
