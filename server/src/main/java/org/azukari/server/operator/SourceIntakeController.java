package org.azukari.server.operator;

import java.time.Instant;
import java.util.List;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.SourceWarnings;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.server.web.NotFound;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the operator can see of how sources' input is taken in: the classification rules, the
 * defaults for types no row names among them, and, per source, how often its input came with
 * which warning (codes and resource types only, never a resident or a record).
 */
@RestController
@RequestMapping(path = "/api/operator", produces = MediaType.APPLICATION_JSON_VALUE)
class SourceIntakeController {

    private final DataClassifier classifier;
    private final SourceWarnings warnings;
    private final OrganisationRegistry organisations;

    SourceIntakeController(DataClassifier classifier, SourceWarnings warnings, OrganisationRegistry organisations) {
        this.classifier = classifier;
        this.warnings = warnings;
        this.organisations = organisations;
    }

    /** {@code resourceType} {@code *} marks a default: any type no earlier row took. */
    record RuleView(String resourceType, String condition, String outcome, String subcategory, boolean isDefault) {
        static RuleView of(DataClassifier.Rule rule) {
            return new RuleView(rule.resourceType(), rule.condition(), rule.outcome(), rule.subcategory(),
                    rule.resourceType().equals("*"));
        }
    }

    record WarningView(String code, String resourceType, long count, Instant lastSeen) {
        static WarningView of(SourceWarnings.Count count) {
            return new WarningView(count.kind().code(), count.kind().resourceType(), count.count(), count.lastSeen());
        }
    }

    @GetMapping("/classification")
    List<RuleView> classification() {
        return classifier.rules().stream().map(RuleView::of).toList();
    }

    @GetMapping("/organisations/{organisation}/ingest-warnings")
    List<WarningView> ingestWarnings(@PathVariable String organisation) {
        OrganisationId id = organisations.organisations().stream().map(o -> o.id())
                .filter(candidate -> candidate.value().equals(organisation)).findFirst()
                .orElseThrow(() -> new NotFound("no such organisation"));
        return warnings.counts(id).stream().map(WarningView::of).toList();
    }
}
