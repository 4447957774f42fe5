package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * What a careless or hostile sender can put on the wire: each gets a clear 4xx with an
 * OperationOutcome, within the configured limits, and the server answers the next request.
 */
class FhirBadInputTest extends RealIdentityWorld {

    private static SystemClient feed;
    private String token;

    @BeforeEach
    void feedToken() throws Exception {
        if (feed == null) {
            feed = registerSourceFeed("badfeed-" + world().suffix(), world().hospital());
        }
        token = accessToken(feed, "system/*.cu");
    }

    @AfterEach
    void theServerStaysHealthy() throws Exception {
        assertThat(http.get("/fhir/metadata").status()).isEqualTo(200);
    }

    RawHttp.Response post(String path, String contentType, String body) throws IOException {
        return http.send("POST", path, contentType, body, bearer(token));
    }

    static void assertRefusedWithOutcome(RawHttp.Response answer, int low, int high) {
        assertThat(answer.status()).as(answer.body()).isBetween(low, high);
        assertThat(answer.body()).contains("OperationOutcome");
    }

    @Test
    void anEmptyBody_isA400() throws Exception {
        assertRefusedWithOutcome(post("/fhir", "application/fhir+json", ""), 400, 400);
        assertRefusedWithOutcome(post("/fhir/Observation", "application/fhir+json", ""), 400, 400);
    }

    @Test
    void aBodyThatIsNotJson_isA400() throws Exception {
        assertRefusedWithOutcome(post("/fhir", "application/fhir+json", "this is not json {"), 400, 400);
    }

    @Test
    void jsonThatIsNotFhir_isA400() throws Exception {
        assertRefusedWithOutcome(post("/fhir", "application/fhir+json", "{\"hello\":\"world\"}"), 400, 400);
        assertRefusedWithOutcome(post("/fhir/Observation", "application/fhir+json", "[1,2,3]"), 400, 400);
    }

    @Test
    void contentOfAnotherFhirVersion_isA415_orAnUnknownType400() throws Exception {
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}";
        RawHttp.Response declared = post("/fhir/Observation", "application/fhir+json; fhirVersion=5.0", observation);
        RawHttp.Response r5Type = post("/fhir", "application/fhir+json",
                "{\"resourceType\":\"ActorDefinition\",\"status\":\"active\",\"type\":\"person\"}");

        assertRefusedWithOutcome(declared, 415, 415);
        assertThat(declared.body()).contains("FG-0209");
        assertRefusedWithOutcome(r5Type, 400, 422);
    }

    @Test
    void aBundleOfFiftyThousandEntries_isA413() throws Exception {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int i = 0; i < 50_000; i++) {
            bundle.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\","
                    + "\"code\":{\"text\":\"x\"}}}");
        }
        bundle.append("]}");

        RawHttp.Response answer = post("/fhir", "application/fhir+json", bundle.toString());

        assertRefusedWithOutcome(answer, 413, 413);
        assertThat(answer.body()).contains("FG-0202");
    }

    @Test
    void aResourceNestedTenThousandLevelsDeep_isA400() throws Exception {
        int depth = 10_000;
        StringBuilder nested = new StringBuilder("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},");
        for (int i = 0; i < depth; i++) {
            nested.append("\"extension\":[{\"url\":\"http://example.org/deep\",");
        }
        nested.append("\"valueString\":\"bottom\"");
        for (int i = 0; i < depth; i++) {
            nested.append("}]");
        }
        nested.append("}");

        assertRefusedWithOutcome(post("/fhir/Observation", "application/fhir+json", nested.toString()), 400, 400);
    }

    @Test
    void aHundredMegabyteBody_isA413_beforeItIsRead() throws Exception {
        long length = 100L * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /fhir HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + bearer(token)
                    + "\r\nContent-Type: application/fhir+json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            long sent = 0;
            try {
                while (sent < length) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException closedByServer) {
                // expected: the server answered and closed without reading the rest
            }
            String head = readResponseHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413");
            assertThat(head).contains("FG-0201");
            assertThat(sent).isLessThan(length);
        }
    }

    private static String readResponseHead(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) != -1 && read.size() < 65_536) {
                read.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // the connection may be reset after the response; what was read is enough
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    @Test
    void xmlWithAnExternalEntity_isRefused_andTheEntityIsNeverResolved() throws Exception {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE Patient [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"&xxe;\"/></name></Patient>";

        RawHttp.Response answer = post("/fhir/Patient", "application/fhir+xml", xml);

        assertRefusedWithOutcome(answer, 400, 422);
        assertThat(answer.body()).doesNotContain("root:");
    }

    @Test
    void aReferenceToAResourceThatIsNeitherInTheBundleNorSentBefore_isA422() throws Exception {
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/never-sent-" + world().suffix() + "\"}}";

        RawHttp.Response answer = post("/fhir/Observation", "application/fhir+json", observation);

        assertRefusedWithOutcome(answer, 422, 422);
        assertThat(answer.body()).contains("FG-0305").contains("Observation.subject");
    }
}
