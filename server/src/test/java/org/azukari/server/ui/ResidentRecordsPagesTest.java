package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.PortalRecords;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The resident's records pages over real ingest, custody and sign-in: the timeline, its filters and
 * posted search, a record in plain words, the charts; never another resident's record.
 */
class ResidentRecordsPagesTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern RECORD_LINK = Pattern.compile("href=\"/portal/records/([A-Za-z0-9.\\-]+)\"");

    private static PortalRecords.Resident hanako;
    private String session;
    private String csrf;

    @BeforeEach
    void residentWithRecords() throws Exception {
        if (hanako == null) {
            hanako = PortalRecords.residentWithRecords(this, "hanako");
        }
        session = signInAs(hanako.username(), "hanako");
        Matcher m = CSRF_FIELD.matcher(http.get("/portal", cookie(session)).body());
        assertThat(m.find()).isTrue();
        csrf = m.group(1);
    }

    @Test
    void timeline_showsEveryRecordInPlainWords_newestFirst_withItsSource() throws Exception {
        RawHttp.Response page = http.get("/portal/records", cookie(session), "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("HbA1c").contains("7.2 %").contains("126/80 mmHg").contains("60.9 kg")
                .contains("Type 2 diabetes mellitus").contains("Metformin 500 mg").contains("Penicillin")
                .contains("from Test hosp-" + world().suffix());
        assertThat(body.indexOf("2026-06")).as("newest month first").isLessThan(body.indexOf("2025-05"));
        assertThat(body).doesNotContain(hanako.mrn()).doesNotContain(hanako.id().toString());
    }

    @Test
    void timeline_inJapanese_namesKindsAndCategoriesInJapanese() throws Exception {
        RawHttp.Response page = http.get("/portal/records?lang=ja", cookie(session));

        assertThat(page.body()).contains("わたしの記録").contains("検査結果・測定値").contains("医療");
        assertThat(page.setCookieLine("azukari-lang")).contains("azukari-lang=ja");
    }

    @Test
    void filterByCategory_showsOnlyThatCategory_andAnUnknownCategoryIsA400() throws Exception {
        assertThat(http.get("/portal/records?category=PAYMENT", cookie(session), "Accept-Language: en").body())
                .contains("0 of").doesNotContain("HbA1c");
        RawHttp.Response bad = http.get("/portal/records?category=SECRET", cookie(session), "Accept-Language: en");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("UI-0401").doesNotContain("SECRET");
    }

    @Test
    void filterByMonths_showsOnlyRecordsFromThoseMonths_andAMalformedMonthIsA400() throws Exception {
        String body = http.get("/portal/records?from=2025-11&to=2025-12", cookie(session), "Accept-Language: en")
                .body();

        assertThat(body).contains("6.9 %").contains("134/86 mmHg").contains("61.8 kg").contains("3 of 13")
                .doesNotContain("7.2 %");
        RawHttp.Response bad = http.get("/portal/records?from=last-year", cookie(session));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("UI-0405").doesNotContain("last-year");
    }

    @Test
    void search_isPosted_andFindsOnlyMatchingRecords() throws Exception {
        RawHttp.Response found = http.postForm("/portal/records", form("q", "metformin", "_csrf", csrf),
                cookie(session), "Accept-Language: en");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains("Metformin 500 mg").doesNotContain("Penicillin").contains("1 of");
    }

    @Test
    void search_withoutTheCsrfToken_isRefused() throws Exception {
        RawHttp.Response refused = http.postForm("/portal/records", form("q", "metformin"), cookie(session));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Metformin");
    }

    @Test
    void aRecord_readsInPlainWords_withItsReferenceRangeAndSource() throws Exception {
        String id = recordIdOf("7.2 %");

        RawHttp.Response page = http.get("/portal/records/" + id, cookie(session), "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("HbA1c").contains("id=\"record-value\">7.2 %").contains("4.6–6.2 %")
                .contains("Reference range").contains("Test hosp-" + world().suffix()).contains("laboratory")
                .doesNotContain("{\"resourceType\"");
    }

    @Test
    void anotherResidentsRecord_isNotFound_likeOneThatDoesNotExist() throws Exception {
        String id = recordIdOf("7.2 %");
        String other = signIn("resident-b");

        assertThat(http.get("/portal/records/" + id, cookie(other)).status()).isEqualTo(404);
        assertThat(http.get("/portal/records/no-such-record", cookie(other)).status()).isEqualTo(404);
        assertThat(http.get("/portal/records/" + "x".repeat(300), cookie(other)).status()).isEqualTo(404);
    }

    @Test
    void charts_drawHbA1cWithItsReferenceRange_bloodPressureAsTwoLines_andWeight() throws Exception {
        RawHttp.Response page = http.get("/portal/charts", cookie(session), "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("HbA1c (%)").contains("Blood pressure (mmHg)").contains("Body weight (kg)")
                .contains("Reference range 4.6–6.2 %");
        assertThat(count(body, "<polyline")).isEqualTo(4);
        assertThat(count(body, "<svg")).isEqualTo(3);
        assertThat(body).contains("2026-05-20").contains("134/86 mmHg");
    }

    @Test
    void recordsPages_forAPractitioner_findNothing_andSignedOut_goToSignIn() throws Exception {
        String practitioner = signIn("practitioner");
        assertThat(http.get("/portal/records", cookie(practitioner)).status()).isEqualTo(404);
        RawHttp.Response signedOut = http.get("/portal/records");
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.header("Location")).contains("/signin");
    }

    private String recordIdOf(String text) throws Exception {
        String body = http.get("/portal/records", cookie(session), "Accept-Language: en").body();
        int at = body.indexOf(text);
        assertThat(at).isPositive();
        Matcher link = RECORD_LINK.matcher(body.substring(0, at));
        String id = null;
        while (link.find()) {
            id = link.group(1);
        }
        assertThat(id).isNotNull();
        return id;
    }

    private static int count(String body, String needle) {
        int n = 0;
        for (int i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
