package org.azukari.ui.operator.sources;

import java.util.Comparator;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.pull.PullCursor;
import org.azukari.fhir.pull.PullSourceId;
import org.azukari.fhir.pull.PullSources;
import org.azukari.fhir.pull.PullStatus;
import org.azukari.fhir.pull.PullStore;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.ui.operator.Done;
import org.azukari.ui.operator.Times;
import org.azukari.ui.web.PageNotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How each pull source stands: enabled, its targets' counts, the last success, the last error's
 * code (never its upstream content) and the failures in a row. Counts over targets, never which
 * residents; switching a source off or on is the one change offered here.
 */
@Controller
class SourcePages {

    private final PullSources sources;
    private final PullStore store;
    private final OrganisationRegistry organisations;

    SourcePages(PullSources sources, PullStore store, OrganisationRegistry organisations) {
        this.sources = sources;
        this.store = store;
        this.organisations = organisations;
    }

    /** {@code attempts}: the most failures in a row of any of the source's targets now failing. */
    record SourceRow(String id, String organisation, String organisationName, String baseUrl, boolean enabled,
                     int targets, int succeeded, int failing, int running, String lastSuccess, String lastErrorCode,
                     int attempts, long resourcesPulled) {
    }

    @GetMapping("/operator/sources")
    String list(Model model) {
        model.addAttribute("sources", sources.statuses().stream().map(this::row)
                .sorted(Comparator.comparing(SourceRow::organisation).thenComparing(SourceRow::id)).toList());
        return "operator/sources/list";
    }

    @PostMapping("/operator/sources/{id}/enabled")
    String setEnabled(@PathVariable String id, @RequestParam(required = false) String enabled,
                      RedirectAttributes flash) {
        PullSourceId source = id(id);
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            throw new BadInputException(FhirGatewayError.OP_0001, "enabled is not one of the choices");
        }
        boolean on = Boolean.parseBoolean(enabled);
        if (!sources.setEnabled(source, on)) {
            throw new PageNotFound("no such pull source");
        }
        return Done.redirect(flash, on ? "operator.sources.switchedOn" : "operator.sources.switchedOff", source.toString(),
                "/operator/sources");
    }

    private SourceRow row(PullStatus status) {
        var source = status.source();
        int attempts = store.cursors(source.id()).stream().filter(c -> c.state() == PullCursor.State.FAILED)
                .mapToInt(PullCursor::attempts).max().orElse(0);
        String organisation = source.organisation().value();
        return new SourceRow(source.id().toString(), organisation, organisations.findOrganisation(source.organisation())
                .map(Organisation::displayName).orElse(organisation), source.baseUrl().toString(), source.enabled(),
                status.targets(), status.succeeded(), status.failing(), status.running(),
                Times.shown(status.lastSuccessAt()), status.lastError().map(e -> e.code()).orElse(""), attempts,
                status.resourcesPulled());
    }

    private static PullSourceId id(String text) {
        try {
            return PullSourceId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PageNotFound("no such pull source");
        }
    }
}
