package org.azukari.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.fhir.mapping.ConsentResources;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/** A resident's consents as FHIR Consent resources: granted by posting one, read back as a searchset. */
class ResidentFhirConsentTest extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    record Session(String cookie, String csrf) {
    }

    private Session residentSession(String who) throws Exception {
        String session = signIn(who);
        Matcher m = CSRF_FIELD.matcher(http.get("/portal", cookie(session)).body());
        assertThat(m.find()).isTrue();
        return new Session(session, m.group(1));
    }

    private RawHttp.Response post(Session s, String json) throws Exception {
        return http.send("POST", "/portal/fhir/Consent", "application/fhir+json", json, cookie(s.cookie()),
                "X-CSRF-Token: " + s.csrf());
    }

    private String consentJson(String status, String purpose, String category) {
        return "{\"resourceType\":\"Consent\",\"status\":\"" + status + "\",\"scope\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/consentscope\",\"code\":\"patient-privacy\"}]},"
                + "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}],"
                + "\"sourceAttachment\":{\"language\":\"en\",\"title\":\"consent-question-1\"},"
                + "\"provision\":{\"type\":\"permit\",\"actor\":[{\"role\":{\"coding\":[{\"code\":\"IRCP\"}]},"
                + "\"reference\":{\"identifier\":{\"system\":\"" + ConsentResources.RECIPIENT_SYSTEM + "\",\"value\":\""
                + world().clinic().value() + "\"}}}],\"purpose\":[{\"system\":\"" + ConsentResources.PURPOSE_SYSTEM
                + "\",\"code\":\"" + purpose + "\"}],\"class\":[{\"system\":\"" + ConsentResources.CATEGORY_SYSTEM
                + "\",\"code\":\"" + category + "\"}]}}";
    }

    @Test
    void aResidentGrantsByPostingAFhirConsent_andReadsItBack_withTheQuestionShownAsItsSource() throws Exception {
        Session a = residentSession("resident-a");

        RawHttp.Response granted = post(a, consentJson("active", "treatment", "MEDICAL/laboratory"));

        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        Consent consent = (Consent) FhirContext.forR4Cached().newJsonParser().parseResource(granted.body());
        assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(consent.getScope().getCodingFirstRep().getCode()).isEqualTo("patient-privacy");
        assertThat(consent.getProvision().getClass_()).extracting(c -> c.getCode()).containsExactly("MEDICAL/laboratory");
        assertThat(new String(consent.getSourceAttachment().getData(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("For the purpose");
        RawHttp.Response read = http.get("/portal/fhir/Consent", cookie(a.cookie()));
        assertThat(read.status()).isEqualTo(200);
        Bundle bundle = (Bundle) FhirContext.forR4Cached().newJsonParser().parseResource(read.body());
        assertThat(bundle.getEntry()).anySatisfy(e -> assertThat(e.getResource().getIdPart()).isEqualTo(consent.getIdPart()));
        assertThat(read.body()).doesNotContain(world().people().get("resident-a").resident().orElseThrow().toString());
    }

    @Test
    void aConsentTheBankCannotGrant_isA400OperationOutcome_andNothingIsGranted() throws Exception {
        Session b = residentSession("resident-b");
        int before = http.get("/portal/fhir/Consent", cookie(b.cookie())).body().split("\"resourceType\":\"Consent\"").length;

        RawHttp.Response proposed = post(b, consentJson("proposed", "treatment", "MEDICAL"));
        RawHttp.Response unknownPurpose = post(b, consentJson("active", "marketing", "MEDICAL"));
        RawHttp.Response badCategory = post(b, consentJson("active", "treatment", "SPACESHIP"));
        RawHttp.Response notFhir = post(b, "{\"resourceType\":\"Patient\"}");

        for (RawHttp.Response answer : new RawHttp.Response[] {proposed, unknownPurpose, badCategory, notFhir}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("OperationOutcome").doesNotContain("SPACESHIP");
        }
        int after = http.get("/portal/fhir/Consent", cookie(b.cookie())).body().split("\"resourceType\":\"Consent\"").length;
        assertThat(after).isEqualTo(before);
    }
}
