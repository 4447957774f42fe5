package org.azukari.server.operator;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.Purpose;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's register of organisations, their clients and the purpose catalogue. Only
 * signed-in operators reach it (the Shiro filter chain); nothing here reads a record.
 */
@RestController
@RequestMapping(path = "/api/operator", produces = MediaType.APPLICATION_JSON_VALUE)
class OperatorController {

    private final OrganisationRegistry organisations;
    private final PurposeRegistry purposes;
    private final RecipientRegistration registration;

    OperatorController(OrganisationRegistry organisations, PurposeRegistry purposes,
                       RecipientRegistration registration) {
        this.organisations = organisations;
        this.purposes = purposes;
        this.registration = registration;
    }

    /** A clinic or a wellness service comes with its first privacy impact assessment ({@code OP-0030}). */
    record OrganisationForm(String id, OrganisationKind kind, String displayName, List<String> purposes,
                            AssessmentJson.Form assessment) {
    }

    record OrganisationView(String id, OrganisationKind kind, String displayName, List<String> purposes) {
        static OrganisationView of(Organisation organisation) {
            return new OrganisationView(organisation.id().value(), organisation.kind(), organisation.displayName(),
                    organisation.purposes().stream().map(Purpose::code).sorted().toList());
        }
    }

    record ClientForm(String clientId, PrincipalKind kind, List<String> scopes, Object jwks) {
    }

    record ClientView(String clientId, String organisation, PrincipalKind kind, List<String> scopes, ClientStatus status) {
    }

    record StatusForm(ClientStatus status) {
    }

    record PurposeForm(String code, String labelJa, String labelEn) {
    }

    record PurposeView(String code, String labelJa, String labelEn) {
        static PurposeView of(PurposeRegistry.Entry entry) {
            return new PurposeView(entry.purpose().code(), entry.labelJa(), entry.labelEn());
        }
    }

    @PostMapping("/organisations")
    @ResponseStatus(HttpStatus.CREATED)
    OrganisationView registerOrganisation(@RequestBody OrganisationForm form) {
        Forms.require(form != null && form.id() != null && form.kind() != null && form.displayName() != null
                && form.purposes() != null, "id, kind, displayName and purposes are required");
        Set<Purpose> asked = form.purposes().stream().map(Purpose::new).collect(Collectors.toSet());
        return OrganisationView.of(registration.register(
                new Organisation(new OrganisationId(form.id()), form.kind(), form.displayName(), asked),
                Optional.ofNullable(form.assessment()).map(AssessmentJson.Form::terms), AssessmentJson.reviewer()));
    }

    @GetMapping("/organisations")
    List<OrganisationView> organisations() {
        return organisations.organisations().stream().map(OrganisationView::of).toList();
    }

    @PostMapping("/organisations/{organisation}/clients")
    @ResponseStatus(HttpStatus.CREATED)
    ClientView registerClient(@PathVariable String organisation, @RequestBody ClientForm form) {
        Forms.require(form != null && form.clientId() != null && form.kind() != null && form.scopes() != null
                && form.jwks() != null, "clientId, kind, scopes and jwks are required");
        var client = organisations.registerClient(new ClientRegistration(new ClientId(form.clientId()),
                new OrganisationId(organisation), form.kind(),
                form.scopes().stream().map(SmartScope::parse).collect(Collectors.toSet()), Forms.json(form.jwks())));
        return new ClientView(client.id().value(), client.organisation().value(), client.kind(),
                client.allowedScopes().stream().map(SmartScope::toString).sorted().toList(), client.status());
    }

    @PutMapping("/clients/{client}/status")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setClientStatus(@PathVariable String client, @RequestBody StatusForm form) {
        Forms.require(form != null && form.status() != null, "status is required");
        organisations.setClientStatus(new ClientId(client), form.status());
    }

    @PostMapping("/purposes")
    @ResponseStatus(HttpStatus.CREATED)
    PurposeView definePurpose(@RequestBody PurposeForm form) {
        Forms.require(form != null && form.code() != null, "code, labelJa and labelEn are required");
        return PurposeView.of(purposes.define(new PurposeRegistry.Entry(new Purpose(form.code()), form.labelJa(),
                form.labelEn())));
    }

    @GetMapping("/purposes")
    List<PurposeView> purposes() {
        return purposes.purposes().stream().map(PurposeView::of).toList();
    }
}
