package org.azukari.ui.operator.datasets;

import java.util.List;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.ui.operator.Times;

/**
 * One version of a dataset request as the console shows it: what was asked (the spec: codes,
 * periods, de-identification, never a record) and what the board said. The reviewer is an
 * operator's account id, shown to operators only.
 */
record DatasetRequestView(String id, int version, String status, String recipient, String recipientName,
                          String title, String purpose, List<String> categories, List<String> items, String period,
                          long refreshIntervalDays, String dates, int ageBandYears, String location, int k,
                          String recorded, String outcome, String rationale, String conditions, String reviewer,
                          String reviewedAt) {

    static DatasetRequestView of(DatasetRequest r, String recipientName) {
        DatasetSpec s = r.spec();
        Deidentification d = s.deidentification();
        var review = r.review();
        return new DatasetRequestView(r.id().value(), r.version(), r.status().name(), r.recipient().organisation(),
                recipientName, s.title(), s.purpose().code(),
                s.categories().stream().map(ConsentCategory::toString).sorted().toList(),
                s.items().stream().map(DatasetItem::toString).toList(), s.periodStart() + " – " + s.periodEnd(),
                s.refreshInterval().toDays(), d.dates().name(), d.ageBandYears(), d.location().name(), d.k(),
                Times.shown(r.recorded()), review.map(v -> v.outcome().name()).orElse(null),
                review.map(v -> v.rationale()).orElse(null), review.map(v -> v.conditions()).orElse(null),
                review.map(v -> v.reviewer()).orElse(null), review.map(v -> Times.shown(v.at())).orElse(null));
    }

    public boolean submitted() {
        return "SUBMITTED".equals(status);
    }
}
