package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.azukari.accesslog.jdbc.Checkpointer;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.datasets.DatasetExportTest;

/**
 * The evidence pages of the auditor's console over HTTP with the real sign-in, access log and stores:
 * every verification recorded and listed (from the page and the API), the signed checkpoints with
 * their keys, signatures and witness copies, the reviewed emergency accesses without their free
 * text; other kinds of people refused; 503 with {@code Retry-After} when a store cannot answer.
 * (The dataset exports page is tested with a real export in {@link DatasetExportTest}.)
 */
class AuditorEvidencePagesTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern VERIFICATION = Pattern.compile("\"verification\":(\\d+)");

    /** Each new page and its heading, in English and in Japanese. */
    static final Map<String, List<String>> PAGES = Map.of(
            "/audit/verifications", List.of("Verifications of the access log", "アクセス記録の検証履歴"),
            "/audit/checkpoints", List.of("Signed checkpoints", "署名付きチェックポイント"),
            "/audit/emergencies/reviewed", List.of("Reviewed emergency accesses", "確認済みの緊急アクセス"),
            "/audit/exports", List.of("Dataset exports and their cohorts", "データセットの書き出しと対象者数"));

    @Autowired
    EmergencyAccesses emergencies;

    @Autowired
    Checkpointer checkpointer;

    @Autowired
    AccessLog accessLog;

    @Autowired
    DataSource dataSource;

    private String auditor;

    @BeforeEach
    void signInAsAuditor() throws Exception {
        auditor = signIn("auditor");
    }

    private String auditorAccount() {
        return world().people().get("auditor").account().toString();
    }

    private RawHttp.Response get(String path, String... more) throws Exception {
        String[] lines = new String[more.length + 1];
        System.arraycopy(more, 0, lines, 0, more.length);
        lines[more.length] = cookie(auditor);
        return http.get(path, lines);
    }

    private RawHttp.Response verifyFromThePage() throws Exception {
        Matcher m = CSRF_FIELD.matcher(get("/audit").body());
        assertThat(m.find()).isTrue();
        return http.postForm("/audit/verify", form("_csrf", m.group(1)), cookie(auditor), "Accept-Language: en");
    }

    /** Runs {@code during} with {@code table} renamed away (a store that cannot answer), and puts it back. */
    private void withoutTable(String table, ThrowingRunnable during) throws Exception {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        sql.execute("ALTER TABLE " + table + " RENAME TO " + table + "_away");
        try {
            during.run();
        } finally {
            sql.execute("ALTER TABLE " + table + "_away RENAME TO " + table);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void verifyFromThePage_isRecordedUnderTheAuditorsAccount_andTheHistoryListsItFirst() throws Exception {
        RawHttp.Response verdict = verifyFromThePage();

        assertThat(verdict.status()).isEqualTo(200);
        Matcher recorded = Pattern.compile("id=\"recorded\"[^>]*>Recorded in the history as verification (\\d+)\\.")
                .matcher(verdict.body());
        assertThat(recorded.find()).as(verdict.body()).isTrue();
        String number = recorded.group(1);
        assertThat(verdict.body()).contains("data-verification=\"" + number + "\" data-intact=\"true\"")
                .contains(">" + auditorAccount() + "<");
        String history = get("/audit/verifications", "Accept-Language: en").body();
        Matcher rows = Pattern.compile("data-verification=\"(\\d+)\"").matcher(history);
        assertThat(rows.find()).isTrue();
        assertThat(rows.group(1)).as("newest first").isEqualTo(number);
        assertThat(history).contains(">" + auditorAccount() + "<").contains(">intact<");
    }

    @Test
    void verifyThroughTheApi_isRecordedToo_andTheHistoryApiAndPageList_it() throws Exception {
        RawHttp.Response verdict = http.get("/api/audit/verify", cookie(auditor));

        assertThat(verdict.status()).isEqualTo(200);
        assertThat(verdict.body()).contains("\"intact\":true").contains("\"recorded\":true")
                .contains("\"verifiedBy\":\"" + auditorAccount() + "\"").contains("\"finding\":\"intact\"");
        Matcher id = VERIFICATION.matcher(verdict.body());
        assertThat(id.find()).isTrue();
        String listed = http.get("/api/audit/verifications?limit=5", cookie(auditor)).body();
        assertThat(listed).startsWith("[{\"verification\":" + id.group(1) + ",");
        assertThat(get("/audit/verifications").body()).contains("data-verification=\"" + id.group(1) + "\"");
    }

    @Test
    void verificationHistory_pagesFiftyAtATime_byNumber() throws Exception {
        for (int i = 0; i < 51; i++) {
            assertThat(http.get("/api/audit/verify", cookie(auditor)).status()).isEqualTo(200);
        }

        String first = get("/audit/verifications", "Accept-Language: en").body();
        Matcher older = Pattern.compile("id=\"older-verifications\" href=\"/audit/verifications\\?before=(\\d+)\"")
                .matcher(first);
        assertThat(older.find()).as(first).isTrue();
        String second = get("/audit/verifications?before=" + older.group(1), "Accept-Language: en").body();

        assertThat(Pattern.compile("data-verification=").matcher(first).results().count()).isEqualTo(50);
        assertThat(second).contains("data-verification=\"" + (Long.parseLong(older.group(1)) - 1) + "\"")
                .doesNotContain("data-verification=\"" + older.group(1) + "\"").contains("id=\"newest-verifications\"");
    }

    @Test
    void aVerificationTheHistoryCannotRecord_stillShowsItsVerdict_andSaysItWasNotRecorded() throws Exception {
        withoutTable("cp_access_log_verification", () -> {
            RawHttp.Response page = verifyFromThePage();
            RawHttp.Response api = http.get("/api/audit/verify", cookie(auditor));
            RawHttp.Response history = get("/audit/verifications");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("data-intact=\"true\"").contains("id=\"not-recorded\"")
                    .contains("CP-0170").doesNotContain("id=\"recorded\"");
            assertThat(api.status()).isEqualTo(200);
            assertThat(api.body()).contains("\"intact\":true").contains("\"recorded\":false")
                    .doesNotContain("\"verification\":");
            assertThat(history.status()).isEqualTo(503);
            assertThat(history.header("Retry-After")).isEqualTo("30");
        });
    }

    @Test
    void checkpoints_areListedWithTheirKeyIdSignatureAndWhereTheirWitnessCopiesLive() throws Exception {
        checkpointer.checkpoint();
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        Map<String, Object> newest = sql.queryForMap("SELECT sequence, hash, signature FROM cp_access_log_checkpoint"
                + " WHERE kind = 'HEAD' ORDER BY sequence DESC LIMIT 1");
        String signature = (String) newest.get("signature");
        String keyId = signature.substring(0, signature.lastIndexOf(':'));

        RawHttp.Response page = get("/audit/checkpoints", "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-sequence=\"" + newest.get("sequence") + "\" data-kind=\"HEAD\"")
                .contains(((String) newest.get("hash")).trim())
                .contains("<code class=\"key-id\">" + keyId + "</code>")
                .contains("<code class=\"signature\">" + signature + "</code>")
                .contains("<summary><code>" + signature.substring(0, 24) + "…</code></summary>")
                .containsPattern("id=\"checkpoint-file\">/[^<]*real-identity-test-data/access-log-checkpoints\\.txt<")
                .containsPattern("id=\"head-witness-file\">/[^<]*real-identity-test-data/access-log-head-witness<");
    }

    @Test
    void checkpoints_pageByKeyset_afterTheLastOneShown() throws Exception {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        checkpointer.checkpoint();
        accessLog.appendAll(List.of(new AccessLogEntry(new AccessActor("OPERATOR", "checkpoint-paging", Optional.empty(),
                Optional.empty()), Optional.empty(), AccessAction.CONSENT_CHANGE, new TreeMap<>(), Set.of(),
                Optional.empty(), Set.of(), AccessDecision.PERMIT, "paging-test", "req-checkpoints")));
        checkpointer.checkpoint();
        List<Long> newestTwo = sql.queryForList("SELECT sequence FROM cp_access_log_checkpoint WHERE kind = 'HEAD'"
                + " ORDER BY sequence DESC LIMIT 2", Long.class);

        String after = get("/audit/checkpoints?after=" + newestTwo.get(0) + "-HEAD").body();

        assertThat(after).doesNotContain("data-sequence=\"" + newestTwo.get(0) + "\"")
                .contains("data-sequence=\"" + newestTwo.get(1) + "\"").contains("id=\"newest\"");
    }

    @Test
    void reviewedEmergencies_areListedWithReviewerAndTime_butNeverTheReasonTheNoteOrTheResident() throws Exception {
        ResidentId resident = world().people().get("resident-b").resident().orElseThrow();
        String practitioner = world().people().get("practitioner").account().toString();
        String operator = world().people().get("operator").account().toString();
        String reason = "Unconscious in the ward, reason-" + world().suffix();
        String note = "Checked with the ward, note-" + world().suffix();
        EmergencyAccess opened = emergencies.open(resident, practitioner, Recipient.organisation(world().clinic().value()),
                reason, Instant.now());
        assertThat(get("/audit/emergencies/reviewed").body()).doesNotContain(opened.id().value());
        emergencies.review(opened.id(), operator, note, Instant.now());

        RawHttp.Response reviewed = get("/audit/emergencies/reviewed", "Accept-Language: en");
        String waiting = get("/audit/emergencies").body();

        assertThat(reviewed.status()).isEqualTo(200);
        assertThat(reviewed.body()).contains("data-emergency=\"" + opened.id().value() + "\"")
                .contains("<code class=\"reviewer\">" + operator + "</code>").contains(">" + practitioner + "<")
                .contains(">Reviewed<").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} JST")
                .doesNotContain("reason-" + world().suffix()).doesNotContain("note-" + world().suffix())
                .doesNotContain(resident.toString());
        assertThat(waiting).doesNotContain(opened.id().value());
    }

    @Test
    void auditor_seesEveryEvidencePage_inEnglishAndJapanese_withTheCspAndNoInlineScript() throws Exception {
        for (var page : PAGES.entrySet()) {
            RawHttp.Response en = get(page.getKey(), "Accept-Language: en");
            RawHttp.Response ja = get(page.getKey() + "?lang=ja", "Accept-Language: en");

            assertThat(en.status()).as(page.getKey()).isEqualTo(200);
            assertThat(en.body()).as(page.getKey()).contains(page.getValue().get(0)).contains("lang=\"en\"")
                    .containsOnlyOnce("<h1").doesNotContain("<script").doesNotContain("style=");
            assertThat(en.header("Content-Security-Policy")).as(page.getKey()).contains("default-src 'self'");
            assertThat(en.header("Cache-Control")).as(page.getKey()).isEqualTo("no-store");
            assertThat(ja.status()).as(page.getKey()).isEqualTo(200);
            assertThat(ja.body()).as(page.getKey()).contains(page.getValue().get(1)).contains("lang=\"ja\"");
        }
        assertThat(get("/audit", "Accept-Language: en").body()).contains("href=\"/audit/verifications\"")
                .contains("href=\"/audit/checkpoints\"").contains("href=\"/audit/emergencies/reviewed\"")
                .contains("href=\"/audit/exports\"");
    }

    @Test
    void otherKindsOfPeople_areRefusedEveryEvidencePage_andTheHistoryApi_thatTheAuditorReads() throws Exception {
        for (String path : PAGES.keySet()) {
            assertThat(get(path).status()).as("auditor " + path).isEqualTo(200);
        }
        assertThat(http.get("/api/audit/verifications", cookie(auditor)).status()).isEqualTo(200);
        for (String who : List.of("resident-a", "e-resident", "practitioner", "operator")) {
            String session = signIn(who);
            for (String path : PAGES.keySet()) {
                assertThat(http.get(path, cookie(session)).status()).as(who + " " + path).isEqualTo(403);
            }
            assertThat(http.get("/api/audit/verifications", cookie(session)).status()).as(who).isEqualTo(403);
        }
        for (String path : PAGES.keySet()) {
            RawHttp.Response signedOut = http.get(path);
            assertThat(signedOut.status()).as(path).isEqualTo(302);
            assertThat(signedOut.header("Location")).contains("/signin");
        }
    }

    @Test
    void badPagingInput_answersTheBadInputPage_withoutEchoingIt() throws Exception {
        for (String path : List.of("/audit/verifications?before=%3Cscript%3E", "/audit/verifications?before=0",
                "/audit/checkpoints?after=%3Cscript%3E", "/audit/checkpoints?after=5-OTHER",
                "/audit/emergencies/reviewed?page=-1", "/audit/exports?page=200")) {
            RawHttp.Response answer = get(path, "Accept-Language: en");

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.body()).as(path).contains("AU-0001").doesNotContain("<script>")
                    .doesNotContain("Exception");
        }
        assertThat(http.get("/api/audit/verifications?limit=0", cookie(auditor)).body()).contains("CP-0173");
    }

    @Test
    void evidencePages_whenTheirStoreCannotAnswer_areThe503PageWithRetryAfter() throws Exception {
        Map<String, String> tables = Map.of("/audit/checkpoints", "cp_access_log_checkpoint",
                "/audit/emergencies/reviewed", "cp_emergency_access", "/audit/exports", "fg_export_job");
        for (var page : tables.entrySet()) {
            withoutTable(page.getValue(), () -> {
                RawHttp.Response answer = get(page.getKey(), "Accept-Language: en");

                assertThat(answer.status()).as(page.getKey()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).as(page.getKey()).isEqualTo("30");
                assertThat(answer.header("Content-Type")).startsWith("text/html");
            });
        }
    }
}
