package org.azukari.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.IngestTimings;
import org.azukari.fhir.ingest.IngestWorlds;
import org.azukari.fhir.validation.JsonLimits;
import org.azukari.fhir.validation.JsonPreScan;
import org.azukari.fhir.validation.JsonRefusal;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SmartScopes;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;

/**
 * Coverage-guided fuzzing of FHIR ingest from the raw request bytes (docs/fhir-gateway.md): the
 * body goes through the JSON pre-scan the web edge runs ({@link JsonPreScan}, default limits), then
 * through HAPI's {@code RestfulServer} in-process with the gateway's ingest providers and
 * interceptors, into the real pipeline — classification, reference resolution, patient matching,
 * identifier guards, custody, storage — on the embedded bank ({@code IngestWorld}: H2, local key
 * vault; the validator passes everything). Properties: every answer is a success or a documented
 * 4xx refusal; never a 500 (an exception the gateway did not map) and never a 503 (the
 * dependencies are healthy, so a 503 would be a false fact about them).
 */
class IngestFuzzTest {

    /** The hospital's MRN system; {@code 12345} under it is the one enrolled resident. */
    static final String MRN = "urn:oid:1.2.392.100495.20.3.51.11318814790";
    private static final Set<Integer> ANSWERS = Set.of(200, 201, 400, 404, 405, 409, 412, 413, 415, 422);
    private static final List<String> PATHS = List.of("", "/Observation", "/Patient", "/Bundle");
    private static final JsonPreScan PRE_SCAN = new JsonPreScan(new JsonLimits(16_000_000, 36, 308, 1000));
    private static final AzukariFhirServer SERVER = server();

    private static AzukariFhirServer server() {
        try {
            IngestEndpoint endpoint = new IngestEndpoint(IngestWorlds.withOneResident(
                    Files.createTempDirectory("ingest-fuzz"), new ResidentId(UUID.fromString(
                            "00000000-0000-4000-8000-0000000000f1")), MRN, "12345"), IngestFuzzTest::sourceFeed,
                    organisations(), ValidationMode.LENIENT, Set.of(), new IngestTimings(),
                    new org.azukari.fhir.admission.Bulkhead<>("ingest", 64, 64, java.time.Duration.ofSeconds(2)));
            AzukariFhirServer server = new AzukariFhirServer("http://localhost/oauth/token", List.of(
                    new IngestProvider(endpoint), new IngestResourceProvider(Observation.class, endpoint),
                    new IngestResourceProvider(Patient.class, endpoint), new IngestResourceProvider(Bundle.class, endpoint)),
                    List.of(new ParseTimingInterceptor(), new UnreadableRequestInterceptor(), new FhirVersionInterceptor(),
                            new RefusedTypesInterceptor(DataClassifier.standard().refusedTypes())));
            server.init(new MockServletConfig("fhir"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<FhirCallers.AuthenticatedCaller> sourceFeed() {
        return Optional.of(new FhirCallers.AuthenticatedCaller(Caller.system(PrincipalKind.SOURCE_FEED,
                new ClientId("hospital-feed"), new OrganisationId(IngestWorlds.hospital())),
                SmartScopes.parse("system/*.cu")));
    }

    /** Only the one method the endpoint uses. */
    private static OrganisationRegistry organisations() {
        return (OrganisationRegistry) Proxy.newProxyInstance(IngestFuzzTest.class.getClassLoader(),
                new Class<?>[] {OrganisationRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findOrganisation")) {
                        return Optional.of(new Organisation((OrganisationId) args[0], OrganisationKind.HOSPITAL,
                                "Hospital", Set.of()));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @FuzzTest
    void post_anyBody_isStoredOrRefusedWith4xx_neverA500Or503(FuzzedDataProvider data) throws Exception {
        String path = "/fhir" + PATHS.get(data.consumeInt(0, PATHS.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();

        Optional<JsonRefusal> refusal = PRE_SCAN.scan(body, body.length);
        if (refusal.isPresent()) {
            assertThat(refusal.get().diagnostics()).startsWith(JsonRefusal.CODE + " ");
            return; // the web edge answers 400 with this, before HAPI parses anything
        }
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath("/fhir");
        request.setPathInfo(path.substring("/fhir".length()));
        request.setContentType("application/fhir+json");
        request.setCharacterEncoding("UTF-8");
        request.setContent(body);
        MockHttpServletResponse response = new MockHttpServletResponse();

        SERVER.service(request, response);

        assertThat(response.getStatus()).as("status for the body; answered %s", response.getContentAsString())
                .isIn(ANSWERS);
    }
}
