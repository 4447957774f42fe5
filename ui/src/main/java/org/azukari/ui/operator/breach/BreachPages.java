package org.azukari.ui.operator.breach;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BreachNotice;
import org.azukari.consent.api.BreachNotices;
import org.azukari.fhir.breach.BreachScope;
import org.azukari.fhir.breach.BreachScope.Affected;
import org.azukari.fhir.breach.BreachScope.Compromised;
import org.azukari.fhir.breach.BreachScope.Window;
import org.azukari.fhir.breach.BreachScopeViews;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.ui.auditor.BreachQuery;
import org.azukari.ui.operator.Done;
import org.azukari.ui.operator.Operator;
import org.azukari.ui.web.UiError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /operator/breach-scope}: the auditor's question and the operator API's answer (accounts,
 * not resident ids; the same {@link BreachScope} and {@link BreachScopeViews}), and
 * {@code POST /operator/breach-scope/notify} (with the session's CSRF token) that tells every
 * resident in the scope about an incident, as {@code POST /api/operator/breach-notices} does: all
 * the notices in one transaction, a resident already told about that incident not told again.
 */
@Controller
class BreachPages {

    static final int PAGE_SIZE = 100;
    private static final String PATH = "/operator/breach-scope";

    private final BreachScope scope;
    private final BreachScopeViews views;
    private final BreachNotices notices;

    BreachPages(BreachScope scope, BreachScopeViews views, BreachNotices notices) {
        this.scope = scope;
        this.views = views;
        this.notices = notices;
    }

    @GetMapping(PATH)
    String page(@RequestParam Map<String, String> parameters, Model model) {
        BreachQuery query = query(parameters);
        model.addAttribute("query", query);
        if (!query.asked()) {
            return "operator/breach/scope";
        }
        Compromised compromised = query.compromised();
        Window window = query.window();
        Map<String, Object> found = views.scope(compromised, window, scope.affected(compromised, window),
                query.firstResident(), PAGE_SIZE, BreachScopeViews.Audience.OPERATOR);
        model.addAttribute("scope", found);
        model.addAttribute("nextHref", found.containsKey("next")
                ? query.link(PATH, (Integer) found.get("next")) : null);
        return "operator/breach/scope";
    }

    @PostMapping(PATH + "/notify")
    String notifyResidents(@RequestParam Map<String, String> parameters, RedirectAttributes flash) {
        BreachQuery query = query(parameters);
        Compromised compromised = query.compromised();
        Window window = query.window();
        String incident = parameters.getOrDefault("incident", "").strip();
        if (!BreachNotice.INCIDENT.matcher(incident).matches()) {
            throw new BadInputException(UiError.AU_0001, "incident is not valid");
        }
        List<Affected> affected = scope.affected(compromised, window);
        List<BreachNotice> batch = BreachScope.notices(incident, window, affected, Instant.now());
        int told = batch.isEmpty() ? 0 : notices.notifyAll(batch, operator());
        return Done.redirect(flash, "operator.breach.notified", String.valueOf(told), query.link(PATH, 0));
    }

    private static BreachQuery query(Map<String, String> p) {
        return new BreachQuery(p.get("kind"), p.get("id"), p.get("from"), p.get("to"), p.get("offset"));
    }

    private static AccessActor operator() {
        return new AccessActor(AccessActor.Kind.OPERATOR, Operator.account(), Optional.empty(), Optional.empty());
    }
}
