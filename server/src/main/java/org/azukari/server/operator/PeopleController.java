package org.azukari.server.operator;

import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.server.web.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator registers people (residents, e-residents, practitioners, operators, auditors)
 * and links the identifiers sources know residents by. Answers carry account ids and kinds
 * only: the resident id stays inside the bank, and no password is ever echoed.
 */
@RestController
@RequestMapping(path = "/api/operator", produces = MediaType.APPLICATION_JSON_VALUE)
class PeopleController {

    private final PeopleRegistry people;

    PeopleController(PeopleRegistry people) {
        this.people = people;
    }

    record ResidentForm(String username, String initialPassword, boolean eResident, AssuranceLevel assurance,
                        ProofingMethod proofing) {

        @Override
        public String toString() {
            return "ResidentForm[redacted]";
        }
    }

    record StaffForm(String username, String initialPassword, String organisation) {

        @Override
        public String toString() {
            return "StaffForm[redacted]";
        }
    }

    record EnrolmentForm(String source, String system, String value) {

        @Override
        public String toString() {
            return "EnrolmentForm[redacted]";
        }
    }

    record AccountView(String account, PrincipalKind kind, String organisation, AssuranceLevel assurance) {
        static AccountView of(PersonAccount account) {
            return new AccountView(account.account().toString(), account.kind(),
                    account.organisation().map(OrganisationId::value).orElse(null),
                    account.assurance().orElse(null));
        }
    }

    @PostMapping("/residents")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView registerResident(@RequestBody ResidentForm form) {
        Forms.require(form != null && form.username() != null && form.initialPassword() != null
                && form.assurance() != null && form.proofing() != null,
                "username, initialPassword, assurance and proofing are required");
        AccountCredentials credentials = new AccountCredentials(form.username(), form.initialPassword());
        return AccountView.of(form.eResident()
                ? people.registerEResident(credentials, form.assurance(), form.proofing())
                : people.registerResident(credentials, form.assurance(), form.proofing()));
    }

    @PostMapping("/practitioners")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView registerPractitioner(@RequestBody StaffForm form) {
        Forms.require(form != null && form.organisation() != null && form.username() != null
                && form.initialPassword() != null, "username, initialPassword and organisation are required");
        return AccountView.of(people.registerPractitioner(new OrganisationId(form.organisation()),
                new AccountCredentials(form.username(), form.initialPassword())));
    }

    @PostMapping("/operators")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView registerOperator(@RequestBody StaffForm form) {
        Forms.require(form != null && form.username() != null && form.initialPassword() != null,
                "username and initialPassword are required");
        return AccountView.of(people.registerOperator(new AccountCredentials(form.username(), form.initialPassword())));
    }

    @PostMapping("/auditors")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView registerAuditor(@RequestBody StaffForm form) {
        Forms.require(form != null && form.username() != null && form.initialPassword() != null,
                "username and initialPassword are required");
        return AccountView.of(people.registerAuditor(new AccountCredentials(form.username(), form.initialPassword())));
    }

    @PostMapping("/residents/{account}/enrolment-links")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void linkEnrolment(@PathVariable String account, @RequestBody EnrolmentForm form) {
        Forms.require(form != null && form.source() != null && form.system() != null && form.value() != null,
                "source, system and value are required");
        PersonAccount resident = people.findAccount(new AccountId(Forms.uuid(account)))
                .filter(found -> found.kind().isResident())
                .orElseThrow(() -> new NotFound("no such resident account"));
        people.linkEnrolment(new EnrolmentLink(resident.resident().orElseThrow(), new OrganisationId(form.source()),
                form.system(), form.value()));
    }
}
