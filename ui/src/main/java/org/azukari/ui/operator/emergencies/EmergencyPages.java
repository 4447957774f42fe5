package org.azukari.ui.operator.emergencies;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentId;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.ui.operator.Done;
import org.azukari.ui.operator.Operator;
import org.azukari.ui.operator.OperatorForms;
import org.azukari.ui.operator.Times;
import org.azukari.ui.web.PageNotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review queue of emergency (break-glass) accesses, oldest first. The operator sees who opened
 * one, for which organisation, which kinds of data and for how long, and the practitioner's reason,
 * which is what is reviewed; never the resident and never a record. The review note, like the
 * reason, is stored but never logged.
 */
@Controller
class EmergencyPages {

    private final EmergencyAccesses emergencies;
    private final OrganisationRegistry organisations;
    private final Clock clock;

    EmergencyPages(EmergencyAccesses emergencies, OrganisationRegistry organisations,
                          ObjectProvider<Clock> clock) {
        this.emergencies = emergencies;
        this.organisations = organisations;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record EmergencyRow(String id, String organisation, String practitioner, List<String> categories, String opened,
                        String until, boolean open, String reason) {
    }

    @GetMapping("/operator/emergencies")
    String queue(Model model) {
        Instant now = clock.instant();
        model.addAttribute("emergencies", emergencies.unreviewed().stream().map(e -> row(e, now)).toList());
        return "operator/emergencies/queue";
    }

    @PostMapping("/operator/emergencies/{id}/review")
    String review(@PathVariable String id, @RequestParam(required = false) String note, RedirectAttributes flash) {
        ConsentId access = id(id);
        emergencies.find(access).orElseThrow(() -> new PageNotFound("no such emergency access"));
        String written = OperatorForms.required(note, "note");
        if (written.length() > EmergencyAccess.MAX_REASON) {
            throw new BadInputException(FhirGatewayError.OP_0001, "note is too long");
        }
        emergencies.review(access, Operator.account(), written, clock.instant());
        return Done.redirect(flash, "operator.emergencies.reviewed", access.value(), "/operator/emergencies");
    }

    private EmergencyRow row(EmergencyAccess e, Instant now) {
        return new EmergencyRow(e.id().value(), name(e.recipient().organisation()), e.practitioner(),
                e.categories().stream().map(ConsentCategory::toString).sorted().toList(), Times.shown(e.opened()),
                Times.shown(e.until()), e.openAt(now), e.reason());
    }

    private String name(String organisation) {
        try {
            return organisations.findOrganisation(new OrganisationId(organisation)).map(Organisation::displayName)
                    .orElse(organisation);
        } catch (IllegalArgumentException notAnOrganisationId) {
            return organisation;
        }
    }

    private static ConsentId id(String text) {
        try {
            return new ConsentId(text);
        } catch (IllegalArgumentException e) {
            throw new PageNotFound("no such emergency access");
        }
    }
}
