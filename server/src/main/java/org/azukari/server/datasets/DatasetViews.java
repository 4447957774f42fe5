package org.azukari.server.datasets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetReview;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;

/**
 * A dataset request as JSON. The reviewer (an operator's account id) is shown to operators only;
 * the service sees the outcome, the rationale and the conditions.
 */
final class DatasetViews {

    private DatasetViews() {
    }

    record ReviewView(DatasetReview.Outcome outcome, String rationale, String conditions, String reviewer,
                      Instant at) {
    }

    record DeidentificationView(Deidentification.DateHandling dates, int ageBandYears,
                                Deidentification.LocationLevel location, int k) {
    }

    record RequestView(String id, int version, String status, String recipient, String title, String purpose,
                       List<String> categories, List<String> items, LocalDate periodStart, LocalDate periodEnd,
                       long refreshIntervalDays, DeidentificationView deidentification, Instant recorded,
                       ReviewView review) {
    }

    record OperatorView(RequestView request, List<RequestView> history) {
    }

    static RequestView forService(DatasetRequest r) {
        return view(r, false);
    }

    static RequestView forOperator(DatasetRequest r) {
        return view(r, true);
    }

    private static RequestView view(DatasetRequest r, boolean operator) {
        DatasetSpec s = r.spec();
        Deidentification d = s.deidentification();
        return new RequestView(r.id().value(), r.version(), r.status().name(), r.recipient().toString(), s.title(),
                s.purpose().code(), s.categories().stream().map(ConsentCategory::toString).sorted().toList(),
                s.items().stream().map(DatasetItem::toString).toList(), s.periodStart(), s.periodEnd(),
                s.refreshInterval().toDays(), new DeidentificationView(d.dates(), d.ageBandYears(), d.location(), d.k()),
                r.recorded(), r.review().map(v -> new ReviewView(v.outcome(), v.rationale(), v.conditions(),
                operator ? v.reviewer() : null, v.at())).orElse(null));
    }
}
