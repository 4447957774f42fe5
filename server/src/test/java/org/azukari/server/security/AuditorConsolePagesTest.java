package org.azukari.server.security;

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

/**
 * The auditor's console over HTTP with the real sign-in, ingest, release and access log: the
 * auditor lands on its home, searches the log across residents (filters, paging, CSV), verifies
 * the chain from the page, and reads the review queues; no page shows a record's contents, and no
 * other kind of person reaches any of them.
 */
class AuditorConsolePagesTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ROW = Pattern.compile("data-sequence=\"(\\d+)\"");

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

        assertThat(everything).contains(">INGEST<").contains(">EXPORT<").contains("resident-download")
                .contains(resident.id().toString());
        assertThat(ingests).contains(">INGEST<").doesNotContain(">EXPORT<");
        assertThat(refused).contains("id=\"none\"").doesNotContain(">INGEST<");
        assertThat(future).contains("id=\"none\"");
        assertThat(sequences(today)).isEqualTo(sequences(everything)).isNotEmpty();
        for (String body : List.of(everything, ingests)) {
            assertThat(body).doesNotContain("Metformin").doesNotContain("Yamada").doesNotContain(resident.mrn());
        }
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
        RawHttp.Response second = get("/audit/log?actor=" + actor + "&page=1", auditor, "Accept-Language: en");

        List<Long> one = sequences(first.body());
        List<Long> two = sequences(second.body());
        assertThat(one).hasSize(50).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(two).hasSize(1);
        assertThat(two.get(0)).isLessThan(one.get(49));
        assertThat(first.body()).contains("id=\"next\"").doesNotContain("id=\"previous\"")
                .contains("actor=" + actor + "&amp;").contains("&amp;page=1\"");
        assertThat(second.body()).contains("id=\"previous\"").doesNotContain("id=\"next\"");
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
        for (String query : List.of("from=yesterday", "resident=%3Cscript%3E", "decision=MAYBE", "page=-1",
                "purpose=" + "x".repeat(65))) {
            RawHttp.Response answer = get("/audit/log?" + query, auditor, "Accept-Language: en");

            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.body()).as(query).contains("id=\"error-code\"").doesNotContain("<script>")
                    .doesNotContain("Exception");
        }
        assertThat(get("/audit/log.csv?decision=MAYBE", auditor).status()).isEqualTo(400);
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
