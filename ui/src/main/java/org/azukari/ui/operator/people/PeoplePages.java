package org.azukari.ui.operator.people;

import java.util.Comparator;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.ui.operator.Done;
import org.azukari.ui.operator.OperatorForms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Enrolment of residents and e-residents, and the identifiers sources know them by, with the same
 * registry the operator API uses. Pages show account ids and counts only: the resident id stays
 * inside the bank, a password is never shown back, and a linked identifier's value is never shown.
 */
@Controller
class PeoplePages {

    static final int LISTED = 200;

    private final PeopleRegistry people;
    private final OrganisationRegistry organisations;

    PeoplePages(PeopleRegistry people, OrganisationRegistry organisations) {
        this.people = people;
        this.organisations = organisations;
    }

    record SourceChoice(String id, String name) {
    }

    @GetMapping("/operator/people")
    String page(Model model) {
        model.addAttribute("residents", people.residents().size());
        model.addAttribute("people", people.people(LISTED));
        model.addAttribute("assurances", AssuranceLevel.values());
        model.addAttribute("proofings", ProofingMethod.values());
        model.addAttribute("sources", organisations.organisations().stream()
                .filter(o -> o.kind().fits(PrincipalKind.SOURCE_FEED))
                .sorted(Comparator.comparing((Organisation o) -> o.id().value()))
                .map(o -> new SourceChoice(o.id().value(), o.displayName())).toList());
        return "operator/people/page";
    }

    /** A resident or an e-resident; e-residents only with remote proofing (the registry refuses otherwise). */
    @PostMapping("/operator/people/residents")
    String enrol(@RequestParam(required = false) String kind, @RequestParam(required = false) String username,
                 @RequestParam(required = false) String initialPassword,
                 @RequestParam(required = false) String assurance, @RequestParam(required = false) String proofing,
                 RedirectAttributes flash) {
        PrincipalKind chosen = OperatorForms.choice(PrincipalKind.class, kind, "kind");
        if (!chosen.isResident()) {
            throw new BadInputException(FhirGatewayError.OP_0001, "kind is not one of the choices");
        }
        AssuranceLevel level = OperatorForms.choice(AssuranceLevel.class, assurance, "assurance");
        ProofingMethod method = OperatorForms.choice(ProofingMethod.class, proofing, "proofing");
        AccountCredentials credentials = new AccountCredentials(OperatorForms.required(username, "username"),
                OperatorForms.required(initialPassword, "initialPassword"));
        PersonAccount enrolled = chosen == PrincipalKind.E_RESIDENT
                ? people.registerEResident(credentials, level, method)
                : people.registerResident(credentials, level, method);
        return Done.redirect(flash, chosen == PrincipalKind.E_RESIDENT ? "operator.people.enrolledEResident"
                : "operator.people.enrolledResident", enrolled.account().toString(), "/operator/people");
    }

    @PostMapping("/operator/people/enrolment-links")
    String link(@RequestParam(required = false) String account, @RequestParam(required = false) String source,
                @RequestParam(required = false) String system, @RequestParam(required = false) String value,
                RedirectAttributes flash) {
        AccountId accountId = new AccountId(OperatorForms.uuid(account, "account"));
        PersonAccount resident = people.findAccount(accountId).filter(found -> found.kind().isResident())
                .orElseThrow(() -> new BadInputException(FhirGatewayError.OP_0005, "account is not a resident's"));
        people.linkEnrolment(new EnrolmentLink(resident.resident().orElseThrow(),
                new OrganisationId(OperatorForms.required(source, "source")), OperatorForms.required(system, "system"),
                OperatorForms.required(value, "value")));
        return Done.redirect(flash, "operator.people.linked", accountId.toString(), "/operator/people");
    }
}
