package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.PersonAccount;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.PatientGlucoseBundles;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * {@code GET /fhir/AuditEvent} over HTTP with the real token endpoint, realms, ingest and access
 * log: an auditor's system ({@code AUDIT_SYSTEM}, {@code system/AuditEvent.rs}) searches the log by
 * the BALP parameters and pages through it; nobody else reads it, and it reads nothing else.
 */
class FhirAuditEventSearchTest extends RealIdentityWorld {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String GLUCOSE = "187.25";

    private ResidentId resident;
    private String mrn;
    private String auditToken;
    private Instant before;
    private Instant after;

    /**
     * A resident of their own with three entries: a hospital's record taken in (INGEST, permitted),
     * a sign-in (SIGN_IN, permitted) and a wrong password (SIGN_IN_FAILED, denied).
     */
    @BeforeEach
    void residentWithThreeEntries() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PersonAccount account = registerResident("aud-res-" + suffix);
        resident = account.resident().orElseThrow();
        mrn = "AUD" + suffix;
        people.linkEnrolment(new EnrolmentLink(resident, world().hospital(), PatientGlucoseBundles.MRN, mrn));
        String feed = accessToken(registerSourceFeed("audfeed-" + suffix, world().hospital()), "system/*.cu");
        assertThat(http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, GLUCOSE),
                bearer(feed)).status()).isEqualTo(200);
        signInAs("aud-res-" + suffix, "resident");
        RawHttp.Response page = http.get("/signin");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        assertThat(http.postForm("/signin", form("username", "aud-res-" + suffix, "password", "not the password 123",
                "code", "", "_csrf", csrf.group(1)), cookie(page.cookie(COOKIE))).status()).isNotEqualTo(302);
        after = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        auditToken = accessToken(world().auditSystem(), AUDIT_SCOPE);
    }

    @Test
    void search_byPatient_answersTheResidentsEntriesNewestFirst_withCodesIdsAndCountsOnly() throws Exception {
        RawHttp.Response answer = search("patient=" + enc("Patient/" + resident.value()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<AuditEvent> events = events(answer.body());
        assertThat(events).extracting(e -> e.getSubtypeFirstRep().getCode())
                .containsExactly("110122", "110122", "create");
        assertThat(events).extracting(e -> e.getOutcome().toCode()).containsExactly("4", "0", "0");
        AuditEvent ingest = events.get(2);
        assertThat(ingest.getType().getCode()).isEqualTo("rest");
        assertThat(ingest.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(resident.toString());
        assertThat(ingest.getEntityFirstRep().getDetail()).extracting(d -> d.getType()).contains("Observation");
        assertThat(answer.body()).as("no record contents: no value, no MRN, no text of the record")
                .doesNotContain(GLUCOSE).doesNotContain(mrn).doesNotContain("mg/dL").doesNotContain("glucose");
        assertThat(answer.header("Content-Type")).contains("fhir+json");
    }

    @Test
    void search_byOutcomeTypeSubtypeAndDate_keepsOnlyTheMatchingEntries() throws Exception {
        String patient = "patient=" + resident.value();

        assertThat(subtypes(search(patient + "&outcome=4"))).containsExactly("110122");
        assertThat(outcomes(search(patient + "&outcome=4"))).containsExactly("4");
        assertThat(outcomes(search(patient + "&outcome=0"))).containsExactly("0", "0");
        assertThat(outcomes(search(patient + "&outcome=" + enc("http://hl7.org/fhir/audit-event-outcome|0,4"))))
                .containsExactly("4", "0", "0");
        assertThat(subtypes(search(patient + "&type=" + enc("http://dicom.nema.org/resources/ontology/DCM|110114"))))
                .containsExactly("110122", "110122");
        assertThat(subtypes(search(patient + "&type=rest"))).containsExactly("create");
        assertThat(subtypes(search(patient + "&subtype=create"))).containsExactly("create");
        assertThat(subtypes(search(patient + "&subtype=create&outcome=4"))).isEmpty();
        assertThat(subtypes(search(patient + "&subtype=create,110122&outcome=0"))).containsExactly("110122", "create");
        assertThat(subtypes(search(patient + "&date=ge" + before + "&date=le" + after))).hasSize(3);
        assertThat(subtypes(search(patient + "&date=gt" + after))).isEmpty();
        assertThat(subtypes(search(patient + "&date=lt" + before))).isEmpty();
        assertThat(subtypes(search(patient + "&date=ge" + before + "&date=lt" + before))).isEmpty();
        assertThat(subtypes(search(patient + "&agent=" + world().hospital().value()))).isEmpty();
        assertThat(subtypes(search(patient + "&agent=Organization/" + world().hospital().value())))
                .containsExactly("create");
    }

    @Test
    void search_byTheRequestIdEntity_findsTheEntryOfThatRequest() throws Exception {
        AuditEvent ingest = events(search("patient=" + resident.value() + "&subtype=create").body()).get(0);
        String requestId = ingest.getEntity().stream().filter(e -> "XrequestId".equals(e.getType().getCode()))
                .findFirst().orElseThrow().getWhat().getIdentifier().getValue();

        RawHttp.Response answer = search("entity:identifier=" + enc("urn:azukari:request|" + requestId));

        assertThat(events(answer.body())).extracting(AuditEvent::getId).containsExactly(ingest.getIdElement().getIdPart());
        assertThat(subtypes(search("entity=" + enc("Patient/" + resident.value())))).hasSize(3);
    }

    @Test
    void search_withCountOne_pagesOlderWithNextLinks_untilTheLastEntry() throws Exception {
        List<String> seen = new ArrayList<>();
        String next = "/fhir/AuditEvent?patient=" + resident.value() + "&_count=1";
        int pages = 0;
        while (next != null && pages < 10) {
            RawHttp.Response answer = http.get(next, bearer(auditToken));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
            assertThat(bundle.getEntry()).hasSizeLessThanOrEqualTo(1);
            bundle.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
            next = bundle.getLink("next") == null ? null : path(bundle.getLink("next").getUrl());
            pages++;
        }
        List<String> all = events(search("patient=" + resident.value()).body()).stream()
                .map(e -> e.getIdElement().getIdPart()).toList();
        assertThat(seen).containsExactlyElementsOf(all).hasSize(3);
        assertThat(pages).as("three full pages and an empty last one").isEqualTo(4);
    }

    @Test
    void badParameters_areRefusedWith400AndACode_neverEchoingTheValue() throws Exception {
        String[][] cases = {
            {"nonsense=XYZZY1", "FG-0741"}, {"_sort=XYZZY2", "FG-0741"}, {"patient:identifier=XYZZY3", "FG-0741"},
            {"patient=Patient/XYZZY4", "FG-0742"}, {"date=2026-13-45XYZZY5", "FG-0742"}, {"date=2026-13-45", "FG-0742"},
            {"_count=1000", "FG-0742"}, {"_count=0", "FG-0742"}, {"outcome=7", "FG-0742"}, {"_before=XYZZY6", "FG-0742"},
            {"agent=" + enc("XYZZY 7"), "FG-0742"}, {"date=2026-12-07T10:00:00", "FG-0742"},
            {"patient=" + resident.value() + "&patient=" + resident.value(), "FG-0743"},
            {"date=ge2026-01-01,le2026-02-01", "FG-0743"},
            {"entity=Consent/XYZZY8", "FG-0744"}, {"date=ne2026-01-01", "FG-0744"}, {"type=XYZZY9", "FG-0744"},
            {"subtype=" + enc("urn:x|read"), "FG-0744"}, {"entity:identifier=" + enc("urn:x|XYZZY10"), "FG-0744"},
        };
        for (String[] bad : cases) {
            RawHttp.Response answer = search(bad[0]);
            assertThat(answer.status()).as(bad[0] + " " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).as(bad[0]).contains("OperationOutcome").contains(bad[1]).doesNotContain("XYZZY")
                    .doesNotContain("2026-13-45").doesNotContain("1000");
        }
    }

    @Test
    void otherKinds_areRefusedTheScopeAtTheTokenEndpoint_andTheSearch() throws Exception {
        for (SystemClient other : List.of(world().emr(), world().feed(), world().wellnessApp())) {
            RawHttp.Response refused = requestToken(assertion(other, TOKEN_ENDPOINT, Instant.now().plusSeconds(120)),
                    AUDIT_SCOPE);
            assertThat(refused.status()).as(other.id().value()).isEqualTo(400);
            assertThat(refused.body()).contains("invalid_scope");
        }
        String emr = accessToken(world().emr(), "system/Observation.rs");
        RawHttp.Response answer = http.get("/fhir/AuditEvent?patient=" + resident.value(), bearer(emr));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("FG-0740").contains("OperationOutcome");
        assertThat(http.get("/fhir/AuditEvent", bearer(accessToken(world().feed(), "system/Bundle.c"))).status())
                .isEqualTo(403);
    }

    @Test
    void anAuditSystem_readsNothingElse_andIsGrantedNoOtherScope() throws Exception {
        String[] headers = {bearer(auditToken), "X-Azukari-Purpose: treatment"};
        assertThat(http.get("/fhir/Patient/aaaaaaaaaaaaaaaaaaaaaaaaaa", headers).status()).isEqualTo(403);
        assertThat(http.get("/fhir/Observation?patient=aaaaaaaaaaaaaaaaaaaaaaaaaa", headers).status()).isEqualTo(403);
        assertThat(http.get("/fhir/Consent?patient=aaaaaaaaaaaaaaaaaaaaaaaaaa", headers).status()).isEqualTo(403);
        assertThat(http.get("/fhir/Group/some-request/$export", bearer(auditToken), "Prefer: respond-async").status())
                .isEqualTo(403);
        assertThat(http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, "99"),
                bearer(auditToken)).status()).isEqualTo(403);
        assertThat(http.get("/api/system/dataset-requests", bearer(auditToken)).status()).isEqualTo(403);
        assertThat(http.get("/api/system/bulk/" + UUID.randomUUID(), bearer(auditToken)).status()).isEqualTo(404);
        RawHttp.Response other = requestToken(assertion(world().auditSystem(), TOKEN_ENDPOINT,
                Instant.now().plusSeconds(120)), "system/Observation.rs system/Patient.rs");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.body()).contains("invalid_scope");
    }

    @Test
    void theCapabilityStatement_listsAuditEventWithItsSearchParameters() throws Exception {
        RawHttp.Response answer = http.get("/fhir/metadata");

        CapabilityStatement statement = FHIR.newJsonParser().parseResource(CapabilityStatement.class, answer.body());
        CapabilityStatement.CapabilityStatementRestResourceComponent auditEvent = statement.getRestFirstRep()
                .getResource().stream().filter(r -> "AuditEvent".equals(r.getType())).findFirst().orElseThrow();
        assertThat(auditEvent.getInteraction()).extracting(i -> i.getCode().toCode()).contains("search-type");
        assertThat(auditEvent.getSearchParam()).extracting(p -> p.getName())
                .contains("patient", "date", "agent", "entity", "type", "subtype", "outcome", "_count");
    }

    private RawHttp.Response search(String query) throws Exception {
        return http.get("/fhir/AuditEvent?" + query, bearer(auditToken));
    }

    private static List<AuditEvent> events(String body) {
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, body);
        List<AuditEvent> events = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            events.add((AuditEvent) resource);
        }
        return events;
    }

    private List<String> subtypes(RawHttp.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return events(answer.body()).stream().map(e -> e.getSubtypeFirstRep().getCode()).toList();
    }

    private List<String> outcomes(RawHttp.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return events(answer.body()).stream().map(e -> e.getOutcome().toCode()).toList();
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/fhir/"));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
