package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.Purpose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.PortalRecords;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The auditor's console over HTTP with the real sign-in, ingest, release and access log: the
 * auditor lands on its home, searches the log across residents (filters, paging, CSV), verifies
 * the chain from the page, and reads the review queues; no page shows a record's contents, and no
 * other kind of person reaches any of them.
 */
class AuditorConsolePagesTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ROW = Pattern.compile("data-sequence=\"(\\d+)\"");
    private static final Pattern ROW_IN_JSON = Pattern.compile("\"sequence\":(\\d+)");
    private static final Pattern OLDER = Pattern.compile("id=\"next\" href=\"([^\"]+)\"");

    /** Each console page and its heading, in English and in Japanese. */
    static final Map<String, List<String>> PAGES = Map.of(
            "/audit", List.of("Auditor&#39;s console", "監査コンソール"),
            "/audit/log", List.of("Access log search", "アクセス記録の検索"),
            "/audit/emergencies", List.of("Emergency accesses waiting for review", "確認待ちの緊急アクセス"),
            "/audit/datasets", List.of("Dataset requests and reviews", "データセット申請と審査"));

    @Autowired
    AccessLog accessLog;

    private String auditor;

    @BeforeEach
    void signInAsAuditor() throws Exception {
        auditor = signIn("auditor");
    }

    private RawHttp.Response get(String path, String session, String... more) throws Exception {
        String[] lines = new String[more.length + 1];
        System.arraycopy(more, 0, lines, 0, more.length);
        lines[more.length] = cookie(session);
        return http.get(path, lines);
    }

    private String csrf(String session, String path) throws Exception {
        Matcher m = CSRF_FIELD.matcher(get(path, session).body());
        assertThat(m.find()).as("a CSRF field on " + path).isTrue();
        return m.group(1);
    }

    /** A resident with records ingested by the hospital's feed, who then downloads them (a release). */
    private PortalRecords.Resident residentWithARelease(String label) throws Exception {
        PortalRecords.Resident resident = PortalRecords.residentWithRecords(this, label);
        String session = signInAs(resident.username(), label);
        assertThat(http.get("/portal/my-data/records.json", cookie(session)).status()).isEqualTo(200);
        return resident;
    }

    private static List<Long> sequences(String body) {
        List<Long> found = new ArrayList<>();
        Matcher m = ROW.matcher(body);
        while (m.find()) {
            found.add(Long.parseLong(m.group(1)));
        }
        return found;
    }

    @Test
    void auditorsSignIn_landsOnTheConsoleHome_notOnJson() throws Exception {
        RawHttp.Response page = http.get("/signin");
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).isTrue();

        RawHttp.Response answer = http.postForm("/signin", form("username", usernameOf("auditor"), "password",
                PASSWORD, "code", "", "_csrf", csrf.group(1)), cookie(page.cookie(COOKIE)));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/audit");
        RawHttp.Response home = get("/audit", answer.cookie(COOKIE), "Accept-Language: en");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void auditor_seesEveryConsolePage_inEnglishAndJapanese_withTheCspAndNoInlineScript() throws Exception {
        for (var page : PAGES.entrySet()) {
            RawHttp.Response en = get(page.getKey(), auditor, "Accept-Language: en");
            RawHttp.Response ja = get(page.getKey() + "?lang=ja", auditor, "Accept-Language: en");

            assertThat(en.status()).as(page.getKey()).isEqualTo(200);
            assertThat(en.body()).as(page.getKey()).contains(page.getValue().get(0)).contains("lang=\"en\"")
                    .containsOnlyOnce("<h1").doesNotContain("<script").doesNotContain("style=");
            assertThat(en.header("Content-Security-Policy")).as(page.getKey()).contains("default-src 'self'");
            assertThat(en.header("Cache-Control")).as(page.getKey()).isEqualTo("no-store");
            assertThat(ja.status()).as(page.getKey()).isEqualTo(200);
            assertThat(ja.body()).as(page.getKey()).contains(page.getValue().get(1)).contains("lang=\"ja\"");
        }
    }

    @Test
    void otherKindsOfPeople_areRefusedEveryAuditorPage_andTheVerifyForm() throws Exception {
        for (String who : List.of("resident-a", "e-resident", "practitioner", "operator")) {
            String session = signIn(who);
            for (String path : List.of("/audit", "/audit/log", "/audit/log.csv", "/audit/emergencies",
                    "/audit/datasets")) {
                assertThat(get(path, session).status()).as(who + " " + path).isEqualTo(403);
            }
            assertThat(http.postForm("/audit/verify", form(), cookie(session)).status()).as(who).isEqualTo(403);
        }
        RawHttp.Response signedOut = http.get("/audit/log");
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.header("Location")).contains("/signin");
    }

    @Test
    void search_findsTheIngestAndTheRelease_byResident_organisationAndActor_andNeverShowsARecord()
            throws Exception {
        PortalRecords.Resident resident = residentWithARelease("audit-search");
        String hospital = world().hospital().value();

        String everything = get("/audit/log?resident=" + resident.id(), auditor, "Accept-Language: en").body();
        String ingests = get("/audit/log?resident=" + resident.id() + "&organisation=" + hospital, auditor,
                "Accept-Language: en").body();
        String refused = get("/audit/log?resident=" + resident.id() + "&decision=DENY", auditor).body();
        String future = get("/audit/log?resident=" + resident.id() + "&from=2999-01-01", auditor).body();
        String today = get("/audit/log?resident=" + resident.id() + "&from=2000-01-01&to=2999-12-31", auditor).body();

        assertThat(everything).contains("<code>INGEST</code>").contains("<code>EXPORT</code>").contains("resident-download")
                .contains(resident.id().toString());
        assertThat(ingests).contains("<code>INGEST</code>").doesNotContain("<code>EXPORT</code>");
        assertThat(refused).contains("id=\"none\"").doesNotContain("<code>INGEST</code>");
        assertThat(future).contains("id=\"none\"");
        assertThat(sequences(today)).isEqualTo(sequences(everything)).isNotEmpty();
        for (String body : List.of(everything, ingests)) {
            assertThat(body).doesNotContain("Metformin").doesNotContain("Yamada").doesNotContain(resident.mrn());
        }
    }

    /**
     * Four entries of one operator: 1 READ through console-a, 2 a READ under emergency access
     * through console-b, 3 the break-glass opening itself (no client), 4 a SEARCH through console-a
     * under the request id of 1. Returns their sequences, in that order.
     */
    private List<Long> entriesForTheNewFilters(String actor) {
        String request = "req-" + actor;
        return accessLog.appendAll(List.of(
                operatorEntry(actor, Optional.of("console-a"), AccessAction.READ, "consent-permit", request),
                operatorEntry(actor, Optional.of("console-b"), AccessAction.READ, "consent-and-emergency-access",
                        request + "-2"),
                operatorEntry(actor, Optional.empty(), AccessAction.EMERGENCY_ACCESS, "emergency-access", request + "-3"),
                operatorEntry(actor, Optional.of("console-a"), AccessAction.SEARCH, "consent-permit", request)))
                .stream().map(l -> l.sequence()).toList();
    }

    private static AccessLogEntry operatorEntry(String actor, Optional<String> client, AccessAction action, String reason,
                                                String request) {
        return new AccessLogEntry(new AccessActor("OPERATOR", actor, Optional.empty(), client), Optional.empty(), action,
                new TreeMap<>(), Set.of(), Optional.empty(), Set.of(), AccessDecision.PERMIT, reason, request);
    }

    private List<Long> found(String query) throws Exception {
        RawHttp.Response page = get("/audit/log?" + query, auditor, "Accept-Language: en");
        assertThat(page.status()).as(query).isEqualTo(200);
        return sequences(page.body());
    }

    @Test
    void search_byClientActionEmergencyAndRequestId_findsExactlyTheMatchingEntries_andTheCsvToo() throws Exception {
        String actor = "audit-filters-" + world().suffix();
        List<Long> s = entriesForTheNewFilters(actor);
        String mine = "actor=" + actor + "&";

        assertThat(found(mine + "client=console-a")).containsExactly(s.get(3), s.get(0));
        assertThat(found(mine + "action=READ")).containsExactly(s.get(1), s.get(0));
        assertThat(found(mine + "emergency=yes")).containsExactly(s.get(2), s.get(1));
        assertThat(found(mine + "emergency=no")).containsExactly(s.get(3), s.get(0));
        assertThat(found(mine + "request=req-" + actor)).containsExactly(s.get(3), s.get(0));
        assertThat(found(mine + "client=console-a&action=SEARCH")).containsExactly(s.get(3));
        assertThat(found("request=req-" + actor + "-3&emergency=no")).isEmpty();

        String form = get("/audit/log?" + mine + "client=console-b&action=READ&emergency=yes", auditor,
                "Accept-Language: en").body();
        assertThat(form).contains("id=\"client\" name=\"client\"").contains("value=\"console-b\"")
                .contains("<option value=\"READ\" selected=\"selected\">READ</option>")
                .contains("<option value=\"EMERGENCY_ACCESS\">EMERGENCY_ACCESS</option>")
                .contains("<option value=\"yes\" selected=\"selected\">Emergency entries only</option>")
                .contains("id=\"request\" name=\"request\"")
                .contains("href=\"/audit/log.csv?from=&amp;to=&amp;resident=&amp;actor=" + actor
                        + "&amp;organisation=&amp;client=console-b&amp;purpose=&amp;action=READ&amp;decision=&amp;emergency=yes&amp;request=\"");
        assertThat(get("/audit/log?lang=ja&" + mine + "emergency=yes", auditor).body()).contains("クライアント ID")
                .contains("緊急アクセスの記録のみ").contains("リクエスト ID");

        String[] csv = get("/audit/log.csv?" + mine + "emergency=yes", auditor).body().split("\r\n");
        assertThat(csv).hasSize(3);
        assertThat(csv[1]).startsWith(s.get(2) + ",").contains(",EMERGENCY_ACCESS,").contains(",true,");
        assertThat(csv[2]).startsWith(s.get(1) + ",").contains(",console-b,").contains(",true,");
    }

    @Test
    void api_entries_takesTheSameFilters_andTheCursor_andRefusesAnOffset() throws Exception {
        String actor = "audit-api-" + world().suffix();
        List<Long> s = entriesForTheNewFilters(actor);
        String mine = "/api/audit/entries?actor=" + actor + "&";

        String byClient = get(mine + "client=console-a&action=SEARCH", auditor).body();
        String emergencies = get(mine + "emergency=true&limit=1", auditor).body();
        String older = get(mine + "emergency=true&before=" + s.get(2), auditor).body();
        String byRequest = get(mine + "request=req-" + actor, auditor).body();
        RawHttp.Response offset = get(mine + "offset=50", auditor);
        RawHttp.Response badAction = get(mine + "action=MAYBE", auditor);
        RawHttp.Response badClient = get(mine + "client=%3Cscript%3E", auditor);

        assertThat(ROW_IN_JSON.matcher(byClient).results().map(m -> Long.parseLong(m.group(1)))).containsExactly(s.get(3));
        assertThat(ROW_IN_JSON.matcher(emergencies).results().map(m -> Long.parseLong(m.group(1)))).containsExactly(s.get(2));
        assertThat(ROW_IN_JSON.matcher(older).results().map(m -> Long.parseLong(m.group(1)))).containsExactly(s.get(1));
        assertThat(ROW_IN_JSON.matcher(byRequest).results().map(m -> Long.parseLong(m.group(1))))
                .containsExactly(s.get(3), s.get(0));
        assertThat(offset.status()).isEqualTo(400);
        assertThat(offset.body()).contains("AL-0006");
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badClient.status()).isEqualTo(400);
        assertThat(badClient.body()).doesNotContain("<script>");
    }

    @Test
    void search_pagesFiftyAtATime_newestFirst_withNextAndPreviousLinks() throws Exception {
        String actor = "audit-paging-" + world().suffix();
        List<AccessLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            entries.add(new AccessLogEntry(new AccessActor("OPERATOR", actor, Optional.empty(), Optional.empty()),
                    Optional.empty(), AccessAction.CONSENT_CHANGE, new TreeMap<>(), Set.of(), Optional.empty(),
                    Set.of(), AccessDecision.PERMIT, "paging-test", "req-" + i));
        }
        accessLog.appendAll(entries);

        RawHttp.Response first = get("/audit/log?actor=" + actor, auditor, "Accept-Language: en");
        List<Long> one = sequences(first.body());
        Matcher older = OLDER.matcher(first.body());
        assertThat(older.find()).as("an older link").isTrue();
        String link = older.group(1).replace("&amp;", "&");
        RawHttp.Response second = get(link, auditor, "Accept-Language: en");

        List<Long> two = sequences(second.body());
        assertThat(one).hasSize(50).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(link).startsWith("/audit/log?").contains("actor=" + actor + "&").endsWith("&before=" + one.get(49));
        assertThat(two).hasSize(1);
        assertThat(two.get(0)).isLessThan(one.get(49));
        assertThat(first.body()).doesNotContain("id=\"newest\"").contains("Newest entries");
        assertThat(second.body()).contains("id=\"newest\"").doesNotContain("id=\"next\"")
                .contains("Entries before No. " + one.get(49));
    }

    @Test
    void csv_isTheSameSearch_withHeaders_andItsCellsQuoted() throws Exception {
        PortalRecords.Resident resident = residentWithARelease("audit-csv");

        RawHttp.Response csv = get("/audit/log.csv?resident=" + resident.id(), auditor);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains("azukari-audit-log.csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("sequence,time,action,actor_kind,actor_id,organisation,client,resident,"
                + "purpose,categories,resources,decision,reason,emergency,request_id,hash");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(csv.body()).contains(",INGEST,").contains(",EXPORT,").contains(resident.id().toString())
                .containsPattern(",\"[A-Za-z]+ \\d+, [A-Za-z]+ \\d+[^\"]*\",")
                .doesNotContain("Metformin").doesNotContain("Yamada").doesNotContain(resident.mrn());
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).contains(resident.id().toString());
        }
    }

    @Test
    void badSearchInput_answersTheBadInputPage_withoutEchoingIt() throws Exception {
        for (String query : List.of("from=yesterday", "resident=%3Cscript%3E", "decision=MAYBE", "before=-1",
                "purpose=" + "x".repeat(65), "client=%3Cscript%3E", "client=Console_A", "action=%3Cscript%3E",
                "action=read", "emergency=maybe", "emergency=true", "request=%3Cscript%3E", "request=a%20b",
                "before=0", "before=%3Cscript%3E", "before=99999999999999999999")) {
            RawHttp.Response answer = get("/audit/log?" + query, auditor, "Accept-Language: en");

            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.body()).as(query).contains("id=\"error-code\"").contains("AU-0001")
                    .doesNotContain("<script>").doesNotContain("Console_A").doesNotContain("maybe")
                    .doesNotContain("Exception");
        }
        assertThat(get("/audit/log.csv?decision=MAYBE", auditor).status()).isEqualTo(400);
        assertThat(get("/audit/log.csv?emergency=maybe", auditor).status()).isEqualTo(400);
    }

    @Test
    void verify_runsFromThePageWithItsCsrfToken_andShowsTheChainIntact() throws Exception {
        residentWithARelease("audit-verify");
        String token = csrf(auditor, "/audit");

        RawHttp.Response without = http.postForm("/audit/verify", form(), cookie(auditor));
        RawHttp.Response verdict = http.postForm("/audit/verify", form("_csrf", token), cookie(auditor),
                "Accept-Language: en");

        assertThat(without.status()).isEqualTo(403);
        assertThat(verdict.status()).isEqualTo(200);
        assertThat(verdict.body()).contains("data-intact=\"true\"").contains("The access log is intact.")
                .containsPattern("id=\"entries-checked\">[1-9]\\d*<").contains("id=\"checkpoints-checked\"")
                .contains("id=\"finding\"");
    }
}
