package org.azukari.ui.operator.organisations;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Purpose;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.ingest.SourceWarnings;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.ClientStatus;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.identity.api.SmartScope;
import org.azukari.ui.assessments.RecipientRegistration;
import org.azukari.ui.assessments.ServiceAssessments;
import org.azukari.ui.operator.Done;
import org.azukari.ui.operator.Operator;
import org.azukari.ui.operator.OperatorForms;
import org.azukari.ui.operator.Times;
import org.azukari.ui.operator.assessments.AssessmentFields;
import org.azukari.ui.operator.assessments.AssessmentPages;
import org.azukari.ui.web.PageNotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The register of organisations, the purposes each may ever ask for, their OAuth clients and the
 * purpose catalogue, with the same registries the operator API uses. A clinic or a wellness
 * service is registered with its privacy impact assessment ({@link RecipientRegistration}). Client keys are public JWK
 * sets; the registry refuses private parts, and they are never shown back.
 */
@Controller
class OrganisationPages {

    static final List<PrincipalKind> CLIENT_KINDS = List.of(PrincipalKind.SOURCE_FEED, PrincipalKind.CLINIC_EMR,
            PrincipalKind.WELLNESS_SERVICE, PrincipalKind.AUDIT_SYSTEM);

    private final OrganisationRegistry organisations;
    private final PurposeRegistry purposes;
    private final SourceWarnings warnings;
    private final RecipientRegistration registration;
    private final ServiceAssessments assessments;

    OrganisationPages(OrganisationRegistry organisations, PurposeRegistry purposes, SourceWarnings warnings,
                      RecipientRegistration registration, ServiceAssessments assessments) {
        this.organisations = organisations;
        this.purposes = purposes;
        this.warnings = warnings;
        this.registration = registration;
        this.assessments = assessments;
    }

    /** How often the organisation's input came with a warning: its code and the resource type only. */
    record WarningRow(String code, String resourceType, long count, String lastSeen) {
    }

    record OrganisationRow(String id, String name, OrganisationKind kind, List<String> purposes, int clients) {
    }

    record PurposeRow(String code, String label) {
    }

    record ClientRow(String id, PrincipalKind kind, String scopes, ClientStatus status, boolean active) {
        static ClientRow of(Client client) {
            return new ClientRow(client.id().value(), client.kind(), client.allowedScopes().stream()
                    .map(SmartScope::toString).sorted().collect(Collectors.joining(" ")), client.status(),
                    client.isActive());
        }
    }

    @GetMapping("/operator/organisations")
    String list(Model model, Locale locale) {
        model.addAttribute("organisations", organisations.organisations().stream()
                .sorted(Comparator.comparing(o -> o.id().value()))
                .map(o -> new OrganisationRow(o.id().value(), o.displayName(), o.kind(), codes(o),
                        organisations.clients(o.id()).size()))
                .toList());
        model.addAttribute("purposes", purposes.purposes().stream()
                .map(p -> new PurposeRow(p.purpose().code(), p.label(locale)))
                .sorted(Comparator.comparing(PurposeRow::code)).toList());
        model.addAttribute("kinds", OrganisationKind.values());
        AssessmentPages.addTo(model, List.of());
        return "operator/organisations/list";
    }

    @GetMapping("/operator/organisations/{id}")
    String detail(@PathVariable String id, Model model, Locale locale) {
        Organisation organisation = find(id);
        model.addAttribute("organisation", new OrganisationRow(organisation.id().value(), organisation.displayName(),
                organisation.kind(), codes(organisation), 0));
        model.addAttribute("clients", organisations.clients(organisation.id()).stream().map(ClientRow::of)
                .sorted(Comparator.comparing(ClientRow::id)).toList());
        model.addAttribute("clientKinds", CLIENT_KINDS.stream().filter(organisation.kind()::fits).toList());
        model.addAttribute("ingestWarnings", warnings.counts(organisation.id()).stream()
                .map(c -> new WarningRow(c.kind().code(), c.kind().resourceType(), c.count(),
                        Times.shown(c.lastSeen()))).toList());
        AssessmentPages.addTo(model, assessments.recipientHistory(organisation.id().value()));
        return "operator/organisations/detail";
    }

    @PostMapping("/operator/organisations")
    String register(@RequestParam(required = false) String id, @RequestParam(required = false) String kind,
                    @RequestParam(required = false) String displayName,
                    @RequestParam(name = "purpose", required = false) List<String> asked, AssessmentFields assessment,
                    RedirectAttributes flash) {
        OrganisationKind chosen = OperatorForms.choice(OrganisationKind.class, kind, "kind");
        Set<Purpose> chosenPurposes = asked == null ? Set.of()
                : asked.stream().map(code -> new Purpose(OperatorForms.required(code, "purpose")))
                        .collect(Collectors.toSet());
        Organisation registered = registration.register(new Organisation(
                new OrganisationId(OperatorForms.required(id, "id")), chosen,
                OperatorForms.required(displayName, "displayName"), chosenPurposes), assessment.ifPresent(),
                Operator.account());
        return Done.redirect(flash, "operator.organisations.registered", registered.id().value(),
                "/operator/organisations/" + registered.id().value());
    }

    @PostMapping("/operator/organisations/purposes")
    String definePurpose(@RequestParam(required = false) String code, @RequestParam(required = false) String labelJa,
                         @RequestParam(required = false) String labelEn, RedirectAttributes flash) {
        PurposeRegistry.Entry defined = purposes.define(new PurposeRegistry.Entry(
                new Purpose(OperatorForms.required(code, "code")), OperatorForms.required(labelJa, "labelJa"),
                OperatorForms.required(labelEn, "labelEn")));
        return Done.redirect(flash, "operator.purposes.defined", defined.purpose().code(), "/operator/organisations");
    }

    @PostMapping("/operator/organisations/{id}/clients")
    String registerClient(@PathVariable String id, @RequestParam(required = false) String clientId,
                          @RequestParam(required = false) String kind, @RequestParam(required = false) String scopes,
                          @RequestParam(required = false) String jwks, RedirectAttributes flash) {
        Organisation organisation = find(id);
        PrincipalKind chosen = OperatorForms.choice(PrincipalKind.class, kind, "kind");
        if (!CLIENT_KINDS.contains(chosen)) {
            throw new BadInputException(FhirGatewayError.OP_0001, "kind is not one of the choices");
        }
        Set<SmartScope> allowed = Arrays.stream(OperatorForms.required(scopes, "scopes").strip().split("\\s+"))
                .map(SmartScope::parse).collect(Collectors.toSet());
        Client client = organisations.registerClient(new ClientRegistration(
                new ClientId(OperatorForms.required(clientId, "clientId")), organisation.id(), chosen, allowed,
                OperatorForms.required(jwks, "jwks")));
        return Done.redirect(flash, "operator.clients.registered", client.id().value(),
                "/operator/organisations/" + organisation.id().value());
    }

    @PostMapping("/operator/organisations/{id}/clients/{client}/status")
    String setClientStatus(@PathVariable String id, @PathVariable String client,
                           @RequestParam(required = false) String status, RedirectAttributes flash) {
        Organisation organisation = find(id);
        ClientStatus chosen = OperatorForms.choice(ClientStatus.class, status, "status");
        Client found = organisations.clients(organisation.id()).stream()
                .filter(c -> c.id().value().equals(client)).findFirst()
                .orElseThrow(() -> new PageNotFound("no such client"));
        organisations.setClientStatus(found.id(), chosen);
        return Done.redirect(flash, chosen == ClientStatus.ACTIVE ? "operator.clients.activated"
                : "operator.clients.deactivated", found.id().value(), "/operator/organisations/" + organisation.id());
    }

    private Organisation find(String id) {
        try {
            return organisations.findOrganisation(new OrganisationId(id))
                    .orElseThrow(() -> new PageNotFound("no such organisation"));
        } catch (IllegalArgumentException malformed) {
            throw new PageNotFound("no such organisation");
        }
    }

    private static List<String> codes(Organisation organisation) {
        return organisation.purposes().stream().map(Purpose::code).sorted().toList();
    }
}
