package org.azukari.server.accesslog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BreachNotice;
import org.azukari.consent.api.BreachNotices;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.fhir.breach.BreachScope;
import org.azukari.fhir.breach.BreachScope.Affected;
import org.azukari.fhir.breach.BreachScope.Compromised;
import org.azukari.fhir.breach.BreachScope.Window;
import org.azukari.fhir.breach.BreachScopeViews;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The breach scope for operators ({@code /api/operator/breach-scope}, residents named by their
 * account ids) and auditors ({@code /api/audit/breach-scope}, also by resident id), and the
 * operator's notice to everyone in a scope ({@code POST /api/operator/breach-notices}). Input is
 * checked before the log is read; the filter chain has let in only operators, resp. auditors.
 */
@RestController
class BreachScopeController {

    static final int MAX_LIMIT = 100;

    private final BreachScope scope;
    private final BreachScopeViews views;
    private final BreachNotices notices;

    BreachScopeController(BreachScope scope, BreachScopeViews views, BreachNotices notices) {
        this.scope = scope;
        this.views = views;
        this.notices = notices;
    }

    @GetMapping(path = "/api/operator/breach-scope", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> forOperator(@RequestParam Optional<String> client, @RequestParam Optional<String> account,
                                    @RequestParam Optional<String> organisation, @RequestParam Optional<String> from,
                                    @RequestParam Optional<String> to, @RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "50") int limit) {
        return answer(client, account, organisation, from, to, offset, limit, BreachScopeViews.Audience.OPERATOR);
    }

    @GetMapping(path = "/api/audit/breach-scope", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> forAuditor(@RequestParam Optional<String> client, @RequestParam Optional<String> account,
                                   @RequestParam Optional<String> organisation, @RequestParam Optional<String> from,
                                   @RequestParam Optional<String> to, @RequestParam(defaultValue = "0") int offset,
                                   @RequestParam(defaultValue = "50") int limit) {
        return answer(client, account, organisation, from, to, offset, limit, BreachScopeViews.Audience.AUDITOR);
    }

    private Map<String, Object> answer(Optional<String> client, Optional<String> account, Optional<String> organisation,
                                       Optional<String> from, Optional<String> to, int offset, int limit,
                                       BreachScopeViews.Audience audience) {
        Compromised compromised = Compromised.of(client, account, organisation);
        Window window = window(from, to);
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new BadInputException(ConsentPolicyError.CP_0120, "offset must be >= 0 and limit 1.." + MAX_LIMIT);
        }
        return views.scope(compromised, window, scope.affected(compromised, window), offset, limit, audience);
    }

    record NoticeForm(String client, String account, String organisation, String from, String to, String incident) {
    }

    @PostMapping(path = "/api/operator/breach-notices", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> notifyResidents(@RequestBody NoticeForm form) {
        if (form == null) {
            throw new BadInputException(FhirGatewayError.OP_0003, "no body");
        }
        Compromised compromised = Compromised.of(Optional.ofNullable(form.client()), Optional.ofNullable(form.account()),
                Optional.ofNullable(form.organisation()));
        Window window = window(Optional.ofNullable(form.from()), Optional.ofNullable(form.to()));
        if (form.incident() == null || !BreachNotice.INCIDENT.matcher(form.incident()).matches()) {
            throw new BadInputException(FhirGatewayError.AL_0005, "malformed incident reference");
        }
        List<Affected> affected = scope.affected(compromised, window);
        List<BreachNotice> batch = BreachScope.notices(form.incident(), window, affected, Instant.now());
        int told = batch.isEmpty() ? 0 : notices.notifyAll(batch, operator());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incident", form.incident());
        answer.put("residents", affected.size());
        answer.put("notified", told);
        answer.put("alreadyNotified", affected.size() - told);
        return answer;
    }

    private static Window window(Optional<String> from, Optional<String> to) {
        return Window.of(from.map(AuditController::instant), to.map(AuditController::instant));
    }

    private static AccessActor operator() {
        Caller caller = (Caller) SecurityUtils.getSubject().getPrincipal();
        return new AccessActor(AccessActor.Kind.OPERATOR, caller.account().orElseThrow().toString(),
                Optional.empty(), Optional.empty());
    }
}
