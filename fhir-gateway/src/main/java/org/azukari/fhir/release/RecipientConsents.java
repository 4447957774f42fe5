package org.azukari.fhir.release;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.ConsentResources;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.Reference;

/**
 * A clinic's own consents about a resident it was introduced to, as FHIR Consent resources: so
 * its EMR can see whether its request is still proposed, was answered, or was withdrawn. Only
 * the consents naming this clinic (or one of its services); the patient is its pseudonym. Holds
 * no health data; a resident not introduced to the clinic is the same 404 as everywhere.
 */
public final class RecipientConsents {

    private final Consents consents;
    private final PseudonymDirectory directory;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    public RecipientConsents(Consents consents, Release.Introductions introductions, Clock clock) {
        this.consents = consents;
        this.directory = introductions.directory();
        this.pseudonyms = introductions.pseudonyms();
        this.clock = clock;
    }

    public List<org.hl7.fhir.r4.model.Consent> of(ReleaseCaller caller, RecipientPseudonym pseudonym) {
        ResidentId resident = directory.resolve(caller.organisation(), pseudonym)
                .filter(r -> pseudonyms.of(caller.organisation(), r).equals(pseudonym))
                .orElseThrow(ReleaseRefusedException::notFound);
        List<Consent> own;
        try {
            own = consents.forResident(resident).stream()
                    .filter(c -> c.terms().recipient().organisation().equals(caller.organisation())).toList();
        } catch (ConsentUnavailableException e) {
            throw new ReleaseRefusedException(503, FhirGatewayError.FG_0703, "consents are unavailable");
        }
        Instant now = clock.instant();
        return own.stream().map(consent -> {
            org.hl7.fhir.r4.model.Consent fhir = ConsentResources.toFhir(consent, now);
            fhir.setPatient(new Reference("Patient/" + pseudonym.value()));
            return fhir;
        }).toList();
    }
}
