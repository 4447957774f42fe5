package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Compressed bodies and hostile JSON: refused before HAPI parses them, with an OperationOutcome
 * that never quotes them, and nothing stored. The limits are small here so the bombs are quick.
 */
@TestPropertySource(properties = {"azukari.gateway.max-body-size=3MB", "azukari.gateway.max-compression-ratio=200",
        "azukari.gateway.json.max-string-length=100000"})
class FhirHostileInputTest extends RealIdentityWorld {

    static final String SYSTEM = "urn:oid:1.2.392.100495.20.3.51.19999999999";
    static final String PATIENT_URL = "urn:uuid:6a1f7c1e-3b1d-4c55-9a57-0f5e2b7d0a01";

    private static SystemClient feed;

    @Autowired
    TrustBank bank;

    private String token;

    @BeforeEach
    void feedToken() throws Exception {
        if (feed == null) {
            people.linkEnrolment(new EnrolmentLink(resident(), world().hospital(), SYSTEM, "hostile-1"));
            feed = registerSourceFeed("hostilefeed-" + world().suffix(), world().hospital());
        }
        token = accessToken(feed, "system/*.cu");
    }

    @AfterEach
    void theServerStaysHealthy() throws Exception {
        assertThat(http.get("/fhir/metadata").status()).isEqualTo(200);
    }

    ResidentId resident() {
        return world().people().get("resident-a").resident().orElseThrow();
    }

    int stored() {
        return bank.isEnrolled(resident()) ? bank.list(resident()).size() : 0;
    }

    /** A transaction with the resident's patient and one Observation whose fields are given. */
    static String bundle(String observationFields) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"" + PATIENT_URL + "\",\"resource\":{\"resourceType\":\"Patient\",\"identifier\":[{"
                + "\"system\":\"" + SYSTEM + "\",\"value\":\"hostile-1\"}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":{\"resourceType\":\"Observation\","
                + observationFields + ",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8302-2\"}]},"
                + "\"subject\":{\"reference\":\"" + PATIENT_URL + "\"},\"effectiveDateTime\":\"2026-11-01\"},"
                + "\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
    }

    static String quantity(String value) {
        return "\"status\":\"final\",\"valueQuantity\":{\"value\":" + value
                + ",\"unit\":\"cm\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"cm\"}";
    }

    static String note(String text) {
        return "\"status\":\"final\",\"note\":[{\"text\":\"" + text + "\"}],\"valueQuantity\":{\"value\":170}";
    }

    RawHttp.Response post(byte[] body, String... headers) throws IOException {
        String[] lines = Stream.concat(Stream.of(bearer(token)), Stream.of(headers)).toArray(String[]::new);
        return http.sendBytes("POST", "/fhir", "application/fhir+json", body, lines);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> hostileBodies() {
        byte[] invalidUtf8 = utf8(bundle(note("SECRET-NOTE \u00e9")));
        for (int i = 0; i + 1 < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == (byte) 0xC3 && invalidUtf8[i + 1] == (byte) 0xA9) {
                invalidUtf8[i + 1] = (byte) 0x28; // a lead byte without its continuation
            }
        }
        return Stream.of(
                Arguments.of("a huge exponent", utf8(bundle(quantity("1e999999"))), "larger exponent", "999999"),
                Arguments.of("too many digits", utf8(bundle(quantity("1234567890123456789012345678901234567890"))),
                        "more digits", "1234567890"),
                Arguments.of("a duplicate key", utf8(bundle("\"status\":\"final\",\"status\":\"entered-in-error\","
                        + "\"valueQuantity\":{\"value\":170}")), "same key twice", "entered-in-error"),
                Arguments.of("invalid UTF-8", invalidUtf8, "not valid UTF-8", "SECRET-NOTE"),
                Arguments.of("a NUL character", utf8(bundle(note("SECRET-NOTE\\u0000"))), "NUL", "SECRET-NOTE"),
                Arguments.of("a lone surrogate", utf8(bundle(note("SECRET-NOTE\\ud800"))), "lone UTF-16 surrogate",
                        "SECRET-NOTE"),
                Arguments.of("an overlong string", utf8(bundle(note("SECRET-NOTE" + "x".repeat(100_000)))),
                        "string is longer", "SECRET-NOTE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aHostileJsonBody_isA400_beforeParsing_quotingNothing_storingNothing(String what, byte[] body,
                                                                              String diagnostics, String content)
            throws Exception {
        int before = stored();

        RawHttp.Response answer = post(body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("OperationOutcome").contains("FG-0213").contains(diagnostics)
                .doesNotContain(content);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void theValidTwinOfEachHostileBody_isStored() throws Exception {
        int before = stored();

        RawHttp.Response answer = post(utf8(bundle(note("an ordinary note é 😀"))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(stored()).isGreaterThan(before);
    }

    @Test
    void aNumberWithAMillionDigitExponent_isAnsweredInSeconds_notMinutes() throws Exception {
        long start = System.nanoTime();

        RawHttp.Response answer = post(utf8(bundle(quantity("1e999999"))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    static byte[] gzip(byte[] prefix, long filler, byte fill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(prefix);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, fill);
            for (long written = 0; written < filler; written += chunk.length) {
                gz.write(chunk);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aGzipBomb_isA413_quickly_andNothingIsStored() throws Exception {
        byte[] bomb = gzip(utf8(bundle(quantity("170")).replace("]}", "]")), 64L * 1024 * 1024, (byte) ' ');
        int before = stored();
        long start = System.nanoTime();

        RawHttp.Response answer = post(bomb, "Content-Encoding: gzip");

        assertThat(bomb.length).isLessThan(200_000);
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("OperationOutcome").contains("FG-0210").contains("inflates more than 200 times");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aGzipBodyInflatingPastTheBodyLimit_isA413_evenAtAnOrdinaryRatio() throws Exception {
        StringBuilder digits = new StringBuilder(4_500_000);
        Random random = new Random(7);
        while (digits.length() < 4_500_000) {
            digits.append(random.nextInt(10));
        }
        byte[] body = gzip(utf8(bundle(note(digits.toString()))), 0, (byte) ' ');
        int before = stored();

        RawHttp.Response answer = post(body, "Content-Encoding: gzip");

        assertThat(body.length).isLessThan(3 * 1024 * 1024);
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("FG-0210").contains("inflates to more than");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anOrdinaryGzipBody_isInflatedAndStored() throws Exception {
        int before = stored();

        RawHttp.Response answer = post(gzip(utf8(bundle(quantity("170.5"))), 0, (byte) ' '), "Content-Encoding: gzip");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(stored()).isGreaterThan(before);
    }

    @Test
    void anOrdinaryDeflateBody_isInflatedAndStored() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(utf8(bundle(quantity("171"))));
        }
        int before = stored();

        RawHttp.Response answer = post(out.toByteArray(), "Content-Encoding: deflate");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(stored()).isGreaterThan(before);
    }

    @Test
    void anUnknownOrNestedContentEncoding_isA415() throws Exception {
        RawHttp.Response brotli = post(utf8(bundle(quantity("170"))), "Content-Encoding: br");
        RawHttp.Response nested = post(gzip(gzip(utf8(bundle(quantity("170"))), 0, (byte) ' '), 0, (byte) ' '),
                "Content-Encoding: gzip, gzip");

        assertThat(brotli.status()).as(brotli.body()).isEqualTo(415);
        assertThat(brotli.body()).contains("FG-0211");
        assertThat(nested.status()).as(nested.body()).isEqualTo(415);
        assertThat(nested.body()).contains("FG-0211");
    }

    @Test
    void aBodyThatIsNotGzipButSaysItIs_isA400() throws Exception {
        RawHttp.Response answer = post(utf8(bundle(quantity("170"))), "Content-Encoding: gzip");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("FG-0212");
    }
}
