package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.azukari.server.testing.PortalRecords;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.UnreadableRecords;

/**
 * A resident whose custody holds, next to good records, three whose decrypted content no parser
 * takes ({@link UnreadableRecords}): every page that reads their records still answers 200 with the
 * good ones and says how many could not be shown; the download still succeeds and names the ids it
 * could not include; the operator's log names the ids and UI-0420, never the content.
 */
class UnreadableRecordsPortalTest extends RealIdentityWorld {


    @Autowired
    TrustBank bank;

    private static PortalRecords.Resident resident;
    private static List<String> unreadable;
    private String session;

    @BeforeEach
    void residentWithUnreadableRecords() throws Exception {
        if (resident == null) {
            resident = PortalRecords.residentWithRecords(this, "unreadable");
            List<RecordToStore> bad = UnreadableRecords.of(UUID.randomUUID().toString().substring(0, 8));
            bank.storeAll(resident.id(), bad);
            unreadable = bad.stream().map(r -> r.id().value()).toList();
        }
        session = signInAs(resident.username(), "unreadable");
    }

    @Test
    void timeline_withUnreadableRecords_showsTheOthers_andCountsThoseThatCouldNotBeShown() throws Exception {
        RawHttp.Response en = http.get("/portal/records", cookie(session), "Accept-Language: en");
        RawHttp.Response ja = http.get("/portal/records?lang=ja", cookie(session));

        assertThat(en.status()).as(en.body()).isEqualTo(200);
        assertThat(en.body()).contains("HbA1c").contains("7.2 %").contains("Metformin 500 mg")
                .contains("3 records could not be shown").doesNotContain(UnreadableRecords.MARKER);
        assertThat(ja.status()).isEqualTo(200);
        assertThat(ja.body()).contains("3件の記録を表示できませんでした").doesNotContain(UnreadableRecords.MARKER);
    }

    @Test
    void anUnreadableRecordsOwnPage_answers200_sayingItCouldNotBeShown() throws Exception {
        for (String id : unreadable) {
            RawHttp.Response page = http.get("/portal/records/" + id, cookie(session), "Accept-Language: en");

            assertThat(page.status()).as(id).isEqualTo(200);
            assertThat(page.body()).contains("One record could not be shown").doesNotContain(UnreadableRecords.MARKER);
        }
    }

    @Test
    void charts_withUnreadableRecords_drawTheOthers_andCountThoseThatCouldNotBeShown() throws Exception {
        RawHttp.Response page = http.get("/portal/charts", cookie(session), "Accept-Language: en");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("HbA1c (%)").contains("Body weight (kg)")
                .contains("3 records could not be shown").doesNotContain(UnreadableRecords.MARKER);
    }

    @Test
    void download_withUnreadableRecords_succeeds_withTheOthers_andAnOutcomeNamingEachIdLeftOut() throws Exception {
        RawHttp.Response bundle = http.get("/portal/my-data/records.json", cookie(session));

        assertThat(bundle.status()).isEqualTo(200);
        String body = bundle.body();
        assertThat(body).contains("\"type\": \"collection\"").contains("Metformin 500 mg")
                .doesNotContain(UnreadableRecords.MARKER).doesNotContain("9".repeat(50));
        assertThat(count(body, "\"resourceType\": \"OperationOutcome\"")).isEqualTo(3);
        for (String id : unreadable) {
            assertThat(body).contains("UI-0420 record " + id + " could not be read and is not included");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theApplicationLog_namesEachUnreadableRecordAndUI0420_neverItsContent(CapturedOutput output) throws Exception {
        http.get("/portal/records", cookie(session), "Accept-Language: en");
        http.get("/portal/my-data/records.json", cookie(session));

        String log = output.getAll();
        for (String id : unreadable) {
            assertThat(log).contains("UI-0420 stored record " + id + " could not be parsed");
        }
        assertThat(log).doesNotContain(UnreadableRecords.MARKER).doesNotContain("9".repeat(50))
                .doesNotContain("Unheard" + "Of");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
