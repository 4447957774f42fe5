package org.azukari.server.consent;

import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.ErrorCode;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.ui.consent.ConsentQuestion;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.time.Clock;
import java.time.Instant;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.ConsentResources;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's own consents as FHIR R4 Consent resources ({@link ConsentResources}): read them
 * all as a searchset Bundle, or grant one by posting an {@code active} Consent. The text shown is
 * the consent question in the mission's words, in the attachment's language, rebuilt from the
 * version the client names, exactly as the JSON API does. Bad input is a 400 OperationOutcome.
 */
@RestController
class ResidentFhirConsentController {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final Consents consents;
    private final OrganisationRegistry organisations;
    private final PurposeRegistry purposes;
    private final Clock clock = Clock.systemUTC();

    ResidentFhirConsentController(Consents consents, OrganisationRegistry organisations, PurposeRegistry purposes) {
        this.consents = consents;
        this.organisations = organisations;
        this.purposes = purposes;
    }

    @GetMapping(path = "/portal/fhir/Consent", produces = {FHIR_JSON, MediaType.APPLICATION_JSON_VALUE})
    String ownConsents() {
        Instant now = clock.instant();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Consent consent : consents.forResident(Callers.resident())) {
            bundle.addEntry().setFullUrl("Consent/" + consent.id().value()).setResource(ConsentResources.toFhir(consent, now))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        bundle.setTotal(bundle.getEntry().size());
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    @PostMapping(path = "/portal/fhir/Consent", consumes = {FHIR_JSON, MediaType.APPLICATION_JSON_VALUE},
            produces = {FHIR_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> grant(@RequestBody String body) {
        ResidentId resident = Callers.resident();
        org.hl7.fhir.r4.model.Consent posted;
        ConsentTerms terms;
        String language;
        String version;
        try {
            Resource parsed = (Resource) FHIR.newJsonParser().parseResource(body);
            if (!(parsed instanceof org.hl7.fhir.r4.model.Consent consent)) {
                return refused(FhirGatewayError.FG_0804, "the body must be a FHIR Consent");
            }
            posted = consent;
            if (posted.getStatus() != org.hl7.fhir.r4.model.Consent.ConsentState.ACTIVE) {
                return refused(FhirGatewayError.FG_0805,
                        "a resident grants with status active; requests come from recipients");
            }
            terms = ConsentResources.termsOf(posted);
            language = posted.hasSourceAttachment() && posted.getSourceAttachment().hasLanguage()
                    ? posted.getSourceAttachment().getLanguage() : "ja";
            version = posted.hasSourceAttachment() && posted.getSourceAttachment().hasTitle()
                    ? posted.getSourceAttachment().getTitle() : ConsentQuestion.VERSION;
            boolean offered = organisations.findOrganisation(new OrganisationId(terms.recipient().organisation()))
                    .filter(o -> o.purposes().contains(terms.purpose())).isPresent();
            if (!offered) {
                return refused(ConsentPolicyError.CP_0252, "no such recipient for this purpose");
            }
            Instant now = clock.instant();
            ConsentEvidence evidence = ConsentEvidence.shown(ConsentQuestion.text(purposes, terms.purpose(),
                    terms.categories(), language, version), language, version, now, "portal-fhir");
            Consent granted = consents.grant(resident, terms, evidence, Callers.actor());
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.parseMediaType(FHIR_JSON))
                    .header("Location", "/portal/fhir/Consent/" + granted.id().value())
                    .body(FHIR.newJsonParser().encodeResourceToString(ConsentResources.toFhir(granted, now)));
        } catch (DataFormatException | IllegalArgumentException | ClassCastException malformed) {
            ErrorCode code = malformed instanceof Coded coded && coded.errorCode().code().matches("(FG|CP|ID)-\\d{4}")
                    ? coded.errorCode() : FhirGatewayError.FG_0806;
            return refused(code, "not a Consent the bank can grant: see docs/consent.md for the expected shape");
        }
    }

    private static ResponseEntity<String> refused(ErrorCode code, String detail) {
        String diagnostics = code.message(detail);
        OperationOutcome outcome = OperationOutcomes.error(OperationOutcome.IssueType.INVALID, diagnostics);
        return ResponseEntity.badRequest().contentType(MediaType.parseMediaType(FHIR_JSON))
                .body(FHIR.newJsonParser().encodeResourceToString(outcome));
    }
}
