package org.azukari.server.operator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AccountStatus;
import org.azukari.identity.api.AccountStatuses;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.server.web.Conflict;
import org.azukari.server.web.NotFound;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators disable a person's account (e.g. when it was compromised) and enable it again. A
 * disabled account is refused at sign-in and its sessions stop working at their next request (the
 * edge reads the status on every request). The change and its access-log entry (actor the operator,
 * subject the account, reason {@code account-disabled} / {@code account-enabled}) share one
 * transaction: a log that cannot write changes nothing (503). An operator cannot disable their own
 * account (409 {@code OP-0021}), so the console is never left without the operator who acted.
 */
@RestController
@RequestMapping(path = "/api/operator/accounts/{account}/status", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountStatusController {

    private final PeopleRegistry people;
    private final AccountStatuses statuses;
    private final AccessLog accessLog;
    private final TransactionOperations transactions;

    AccountStatusController(PeopleRegistry people, AccountStatuses statuses, AccessLog accessLog,
                            TransactionOperations transactions) {
        this.people = people;
        this.statuses = statuses;
        this.accessLog = accessLog;
        this.transactions = transactions;
    }

    record StatusForm(AccountStatus status) {
    }

    @PutMapping
    Map<String, Object> setStatus(@PathVariable String account, @RequestBody StatusForm form) {
        Forms.require(form != null && form.status() != null, "status is required");
        PersonAccount person = people.findAccount(new AccountId(Forms.uuid(account)))
                .orElseThrow(() -> new NotFound("no such account"));
        AccountId operator = operator();
        if (operator.equals(person.account()) && form.status() == AccountStatus.DISABLED) {
            throw new Conflict(FhirGatewayError.OP_0021, "an operator cannot disable their own account");
        }
        transactions.executeWithoutResult(status -> {
            statuses.setStatus(person.account(), form.status());
            accessLog.appendAll(List.of(AccessLogEntry.administration(new AccessActor(AccessActor.Kind.OPERATOR,
                    operator.toString(), Optional.empty(), Optional.empty()), Optional.empty(),
                    AccessAction.ACCOUNT_CHANGE, form.status() == AccountStatus.DISABLED ? "account-disabled"
                            : "account-enabled", Optional.of(person.account().toString()))));
        });
        return Map.of("account", person.account().toString(), "kind", person.kind().name(),
                "status", form.status().name());
    }

    private static AccountId operator() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller && caller.account().isPresent()) {
            return caller.account().get();
        }
        throw new IllegalStateException("no operator behind an operator endpoint");
    }
}
