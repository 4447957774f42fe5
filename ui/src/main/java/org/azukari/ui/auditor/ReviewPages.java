package org.azukari.ui.auditor;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.ui.operator.Times;
import org.azukari.ui.web.UiError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What operators review, as the auditor reads it (nothing here changes anything): the emergency
 * accesses still waiting for their review, those reviewed with who reviewed them and when, and every
 * dataset request with its status and its review. None shows a resident or a record, nor the
 * practitioner's reason or the reviewer's note (free text, for operators).
 */
@Controller
class ReviewPages {

    static final int PAGE_SIZE = 50;

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

    record ReviewedRow(String id, String organisation, String practitioner, String categories, String opened,
                       String until, String reviewer, String reviewed) {
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

    @GetMapping("/audit/emergencies/reviewed")
    String reviewed(@RequestParam(defaultValue = "0") int page, Model model) {
        if (page < 0 || page > 199) {
            throw new BadInputException(UiError.AU_0001, "page is not valid");
        }
        List<EmergencyAccess> found = emergencies.reviewed(page * PAGE_SIZE, PAGE_SIZE + 1);
        model.addAttribute("reviewed", found.subList(0, Math.min(found.size(), PAGE_SIZE)).stream()
                .map(e -> new ReviewedRow(e.id().value(), e.recipient().toString(), e.practitioner(), categories(e),
                        Times.shown(e.opened()), Times.shown(e.until()),
                        e.review().map(EmergencyAccess.Review::operator).orElse(""),
                        e.review().map(r -> Times.shown(r.at())).orElse(""))).toList());
        model.addAttribute("page", page);
        model.addAttribute("hasNext", found.size() > PAGE_SIZE && page < 199);
        return "audit/reviewed";
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
