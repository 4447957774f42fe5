package org.azukari.ui.auditor;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.ui.operator.Times;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What operators review, as the auditor reads it (nothing here changes anything): the emergency
 * accesses still waiting for their review, and every dataset request with its status and its
 * review. Neither shows a resident or a record.
 */
@Controller
class ReviewPages {

    private final EmergencyAccesses emergencies;
    private final DatasetRequests datasets;
    private final Clock clock;

    ReviewPages(EmergencyAccesses emergencies, DatasetRequests datasets, ObjectProvider<Clock> clock) {
        this.emergencies = emergencies;
        this.datasets = datasets;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record EmergencyRow(String id, String organisation, String practitioner, String categories, String opened,
                        String until, boolean open) {
    }

    record DatasetRow(String id, int version, String title, String recipient, String purpose, String categories,
                      int items, String status, String recorded, String reviewer, String reviewed) {
    }

    @GetMapping("/audit/emergencies")
    String emergencies(Model model) {
        Instant now = clock.instant();
        model.addAttribute("emergencies", emergencies.unreviewed().stream().map(e -> new EmergencyRow(e.id().value(),
                e.recipient().toString(), e.practitioner(), categories(e), Times.shown(e.opened()),
                Times.shown(e.until()), e.openAt(now))).toList());
        return "audit/emergencies";
    }

    @GetMapping("/audit/datasets")
    String datasets(Model model) {
        List<DatasetRow> rows = datasets.all().stream().sorted(Comparator.comparing(DatasetRequest::recorded).reversed())
                .map(ReviewPages::row).toList();
        model.addAttribute("datasets", rows);
        return "audit/datasets";
    }

    private static String categories(EmergencyAccess access) {
        return String.join(" ", access.categories().stream().map(ConsentCategory::toString).sorted().toList());
    }

    private static DatasetRow row(DatasetRequest r) {
        return new DatasetRow(r.id().value(), r.version(), r.spec().title(), r.recipient().toString(),
                r.spec().purpose().code(),
                String.join(" ", r.spec().categories().stream().map(Object::toString).sorted().toList()),
                r.spec().items().size(), r.status().name(), Times.shown(r.recorded()),
                r.review().map(review -> review.reviewer()).orElse(""),
                r.review().map(review -> Times.shown(review.at())).orElse(""));
    }
}
