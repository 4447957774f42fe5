package org.azukari.ui.auditor;

import java.util.Map;
import org.azukari.fhir.breach.BreachScope;
import org.azukari.fhir.breach.BreachScope.Compromised;
import org.azukari.fhir.breach.BreachScope.Window;
import org.azukari.fhir.breach.BreachScopeViews;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Whose data went out through a compromised client, account or organisation in a window: the
 * same query and the same view as {@code GET /api/audit/breach-scope} (one implementation, in
 * {@link BreachScope}), {@value #PAGE_SIZE} residents a page with a link to the next. Input is
 * checked before the log is read; the query's own refusals (a window too long or too full) are the
 * 400 page with their code, and a log that cannot answer is the 503 page.
 */
@Controller
class BreachScopePages {

    static final int PAGE_SIZE = 100;

    private final BreachScope scope;
    private final BreachScopeViews views;

    BreachScopePages(BreachScope scope, BreachScopeViews views) {
        this.scope = scope;
        this.views = views;
    }

    @GetMapping("/audit/breach-scope")
    String page(@RequestParam Map<String, String> parameters, Model model) {
        BreachQuery query = new BreachQuery(parameters.get("kind"), parameters.get("id"), parameters.get("from"),
                parameters.get("to"), parameters.get("offset"));
        model.addAttribute("query", query);
        if (!query.asked()) {
            return "audit/breach-scope";
        }
        Compromised compromised = query.compromised();
        Window window = query.window();
        int offset = query.firstResident();
        Map<String, Object> found = views.scope(compromised, window, scope.affected(compromised, window), offset,
                PAGE_SIZE, BreachScopeViews.Audience.AUDITOR);
        model.addAttribute("scope", found);
        model.addAttribute("nextHref", found.containsKey("next")
                ? query.link("/audit/breach-scope", (Integer) found.get("next")) : null);
        return "audit/breach-scope";
    }
}
