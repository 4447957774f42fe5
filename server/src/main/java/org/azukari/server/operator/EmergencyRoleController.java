package org.azukari.server.operator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.EmergencyEvent;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.server.web.NotFound;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators give and take the emergency (break-glass) role; only practitioners hold it, any other
 * account answers 404. Both are idempotent. Each call is written to the access log (actor the
 * operator, subject the practitioner, the outcome as reason code) in the same transaction as the
 * change: the role table and the log share the data source, so a log that cannot write rolls the
 * change back and the operator gets 503 with nothing changed.
 */
@RestController
@RequestMapping(path = "/api/operator/practitioners/{account}/emergency-role",
        produces = MediaType.APPLICATION_JSON_VALUE)
class EmergencyRoleController {

    private final PeopleRegistry people;
    private final AccessLog accessLog;
    private final TransactionOperations transactions;

    EmergencyRoleController(PeopleRegistry people, AccessLog accessLog, TransactionOperations transactions) {
        this.people = people;
        this.accessLog = accessLog;
        this.transactions = transactions;
    }

    @PostMapping
    Map<String, Object> grant(@PathVariable String account) {
        PersonAccount practitioner = practitioner(account);
        AccountId operator = operator();
        transactions.executeWithoutResult(status -> {
            // asked first rather than relying on the duplicate-key refusal: on PostgreSQL a failed
            // insert spoils the transaction the log entry has to join
            boolean held = people.holdsEmergencyRole(practitioner.account());
            if (!held) {
                people.grantEmergencyRole(practitioner.account(), operator);
            }
            log(operator, practitioner, (held ? EmergencyEvent.ROLE_ALREADY_HELD : EmergencyEvent.ROLE_GRANTED).code());
        });
        return view(practitioner);
    }

    @DeleteMapping
    Map<String, Object> revoke(@PathVariable String account) {
        PersonAccount practitioner = practitioner(account);
        AccountId operator = operator();
        transactions.executeWithoutResult(status -> {
            boolean held = people.holdsEmergencyRole(practitioner.account());
            if (held) {
                people.revokeEmergencyRole(practitioner.account());
            }
            log(operator, practitioner, (held ? EmergencyEvent.ROLE_REVOKED : EmergencyEvent.ROLE_NOT_HELD).code());
        });
        return view(practitioner);
    }

    /** {@code appendAll}, not {@code append}: a group commit may write on another thread, outside this transaction. */
    private void log(AccountId operator, PersonAccount practitioner, String outcome) {
        accessLog.appendAll(List.of(AccessLogEntry.administration(new AccessActor(AccessActor.Kind.OPERATOR,
                operator.toString(), Optional.empty(), Optional.empty()), Optional.empty(),
                AccessAction.EMERGENCY_ACCESS, outcome, Optional.of(practitioner.account().toString()))));
    }

    private PersonAccount practitioner(String account) {
        return people.findAccount(new AccountId(Forms.uuid(account)))
                .filter(found -> found.kind() == PrincipalKind.PRACTITIONER)
                .orElseThrow(() -> new NotFound("no such practitioner account"));
    }

    private Map<String, Object> view(PersonAccount practitioner) {
        return Map.of("account", practitioner.account().toString(),
                "organisation", practitioner.organisation().map(OrganisationId::value).orElseThrow(),
                "emergencyRole", people.holdsEmergencyRole(practitioner.account()));
    }

    private static AccountId operator() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller && caller.account().isPresent()) {
            return caller.account().get();
        }
        throw new IllegalStateException("no operator behind an operator endpoint");
    }
}
