package org.azukari.ui.clinic;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Purpose;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.springframework.stereotype.Component;

/**
 * The purposes a practitioner may state: those the operator registered for their organisation,
 * exactly the ceiling the FHIR API applies to the {@code X-Azukari-Purpose} header (FG-0715). A
 * purpose outside it is refused before any resident is looked up.
 */
@Component
class ClinicPurposes {

    private final OrganisationRegistry organisations;
    private final PurposeRegistry catalogue;

    ClinicPurposes(OrganisationRegistry organisations, PurposeRegistry catalogue) {
        this.organisations = organisations;
        this.catalogue = catalogue;
    }

    /** One choice in the purpose select. */
    record Choice(String code, String label) {
    }

    /** The organisation's registered purposes with their words in {@code locale}, "treatment" first. */
    List<Choice> of(Caller caller, Locale locale) {
        return caller.organisation().flatMap(organisations::findOrganisation)
                .map(o -> o.purposes().stream()
                        .map(p -> new Choice(p.code(), catalogue.find(p).map(e -> e.label(locale)).orElse(p.code())))
                        .sorted(Comparator.comparing((Choice c) -> !c.code().equals("treatment"))
                                .thenComparing(Choice::code))
                        .toList())
                .orElse(List.of());
    }

    /**
     * The release caller for a practitioner stating {@code code}: a malformed purpose is a 400
     * (FG-0708), one not registered for their organisation a 403 (FG-0715).
     */
    ReleaseCaller caller(Caller caller, String code) {
        OrganisationId organisation = caller.organisation()
                .orElseThrow(() -> new ClinicRefused(FhirGatewayError.FG_0709));
        String account = caller.account().orElseThrow(() -> new ClinicRefused(FhirGatewayError.FG_0709)).toString();
        Purpose purpose;
        try {
            purpose = new Purpose(code == null ? "" : code.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInputException(FhirGatewayError.FG_0708, "choose the purpose of use");
        }
        boolean registered = organisations.findOrganisation(organisation)
                .map(o -> o.purposes().contains(purpose)).orElse(false);
        if (!registered) {
            throw new ClinicRefused(FhirGatewayError.FG_0715);
        }
        return ReleaseCaller.practitioner(organisation.value(), account, purpose, UUID.randomUUID().toString());
    }
}
