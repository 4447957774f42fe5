package org.azukari.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.PersonAccount;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.keys.DataKeyCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;
import org.azukari.server.testing.PatientGlucoseBundles;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The local key store unavailable while the bank runs (its key directory moved away, as a lost
 * volume does), over HTTP with the real stores: a source's ingest for a resident the bank holds,
 * and the first ingest of a new resident, answer 503 with {@code Retry-After} and FG-0501 (never
 * 409 "erased", never 500), store nothing and make no key; the portal answers its 503 page; and
 * once the directory is back the same requests work. A context of its own, since the key
 * directory is pulled from under it.
 */
@TestPropertySource(properties = "azukari.data-dir=" + KeyStoreOutageTest.DATA_DIR_NAME)
class KeyStoreOutageTest extends RealIdentityWorld {

    static final String DATA_DIR_NAME = "./target/key-store-outage-test-data";
    static final Path DATA_DIR = freshDataDir();
    private static final String MRN = PatientGlucoseBundles.MRN;

    @Autowired
    TrustBank bank;

    @Autowired
    DataKeyCache cache;

    private final Path keys = DATA_DIR.resolve("keys");
    private final Path away = DATA_DIR.resolve("keys-away");

    private static Path freshDataDir() {
        Path dir = Path.of(DATA_DIR_NAME);
        FileSystemUtils.deleteRecursively(dir.toFile());
        return dir;
    }

    @AfterEach
    void keysBack() throws Exception {
        if (Files.exists(away) && !Files.exists(keys)) {
            Files.move(away, keys);
        }
    }

    record Linked(PersonAccount account, String username, String mrn) {
    }

    private Linked linkedResident(String label) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        PersonAccount account = registerResident(label + "-" + suffix);
        String mrn = "K" + suffix;
        people.linkEnrolment(new EnrolmentLink(account.resident().orElseThrow(), world().hospital(), MRN, mrn));
        return new Linked(account, label + "-" + suffix, mrn);
    }

    private String feedToken() throws Exception {
        return accessToken(registerSourceFeed("ksfeed-" + UUID.randomUUID().toString().substring(0, 8),
                world().hospital()), "system/*.cu");
    }

    private static void assertUnavailable(RawHttp.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("FG-0501")
                .doesNotContain("FG-0315");
    }

    @Test
    void withTheKeyDirectoryGone_ingestIs503WithRetryAfter_notErased_andWorksOnceItIsBack() throws Exception {
        String token = feedToken();
        Linked held = linkedResident("held");
        Linked newcomer = linkedResident("newcomer");
        assertThat(send(held.mrn(), "101", token).status()).isEqualTo(200);
        int before = bank.list(held.account().resident().orElseThrow()).size();
        cache.forgetAll();
        Files.move(keys, away);

        assertUnavailable(send(held.mrn(), "140", token));
        assertUnavailable(send(newcomer.mrn(), "90", token));
        assertThat(bank.list(held.account().resident().orElseThrow())).hasSize(before);
        assertThat(bank.isEnrolled(newcomer.account().resident().orElseThrow())).as("no custody, no key").isFalse();
        assertThat(keys).as("no empty key directory made").doesNotExist();

        Files.move(away, keys);
        assertThat(send(held.mrn(), "140", token).body()).contains("201 Created");
        assertThat(send(newcomer.mrn(), "90", token).body()).contains("201 Created");
    }

    @Test
    void withTheKeyDirectoryGone_thePortalAnswersIts503Page_withRetryAfter() throws Exception {
        String token = feedToken();
        Linked held = linkedResident("portal");
        send(held.mrn(), "101", token);
        String session = signInAs(held.username(), "resident");
        cache.forgetAll();
        Files.move(keys, away);

        RawHttp.Response page = http.get("/portal/records", cookie(session), "Accept-Language: en");

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isNotBlank();
        assertThat(page.body()).contains("TB-0101");
        Files.move(away, keys);
        assertThat(http.get("/portal/records", cookie(session), "Accept-Language: en").status()).isEqualTo(200);
    }

    @Test
    void withTheKeyDirectoryGone_theOperatorsNewEnrolmentIs503WithRetryAfter_andAskingAgainFinishesIt()
            throws Exception {
        Linked erased = linkedResident("renewed");
        bank.erase(erased.account().resident().orElseThrow());
        String operator = signIn("operator");
        String csrf = csrfOf(operator, "/api/operator/whoami");
        String path = "/api/operator/residents/" + erased.account().account() + "/new-enrolment";
        String body = "{\"assurance\":\"HIGH\",\"proofing\":\"IN_PERSON_AT_CITY_OFFICE\"}";
        Files.move(keys, away);

        RawHttp.Response refused = http.send("POST", path, "application/json", body, cookie(operator),
                "X-CSRF-Token: " + csrf);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.body()).contains("OP-0503");
        assertThat(bank.isEnrolled(erased.account().resident().orElseThrow())).isFalse();
        Files.move(away, keys);
        assertThat(http.send("POST", path, "application/json", body, cookie(operator), "X-CSRF-Token: " + csrf)
                .status()).isEqualTo(201);
    }

    private RawHttp.Response send(String mrn, String glucose, String token) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, glucose), bearer(token));
    }
}
