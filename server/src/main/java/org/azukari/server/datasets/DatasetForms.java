package org.azukari.server.datasets;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.Purpose;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.UiError;

/** The JSON bodies of the dataset-request APIs, and their checks (400 with a stable code, never the input). */
final class DatasetForms {

    private DatasetForms() {
    }

    record DeidentificationForm(Deidentification.DateHandling dates, Integer ageBandYears,
                                Deidentification.LocationLevel location, Integer k) {
    }

    record SpecForm(String title, String purpose, List<String> categories, List<String> items, LocalDate periodStart,
                    LocalDate periodEnd, Integer refreshIntervalDays, DeidentificationForm deidentification) {

        DatasetSpec spec() {
            require(title != null && purpose != null && categories != null && items != null && periodStart != null
                    && periodEnd != null && refreshIntervalDays != null && deidentification != null,
                    "title, purpose, categories, items, periodStart, periodEnd, refreshIntervalDays and"
                            + " deidentification are required");
            DeidentificationForm d = deidentification;
            require(d.dates() != null && d.ageBandYears() != null && d.location() != null,
                    "deidentification needs dates, ageBandYears and location");
            require(categories.stream().noneMatch(java.util.Objects::isNull)
                    && items.stream().noneMatch(java.util.Objects::isNull), "no null category or item");
            require(items.size() <= DatasetSpec.MAX_ITEMS, "at most 100 items");
            Set<ConsentCategory> parsed = categories.stream().map(ConsentCategory::parse).collect(Collectors.toSet());
            return new DatasetSpec(title, new Purpose(purpose), parsed, items.stream().map(DatasetItem::parse).toList(),
                    periodStart, periodEnd, Duration.ofDays(refreshIntervalDays),
                    new Deidentification(d.dates(), d.ageBandYears(), d.location(),
                            d.k() == null ? Deidentification.DEFAULT_K : d.k()));
        }
    }

    record ReviewForm(String outcome, String rationale, String conditions, Boolean askResidents) {
    }

    static void require(boolean condition, String what) {
        if (!condition) {
            throw new BadInputException(UiError.DS_0001, what);
        }
    }

    /** A malformed id names no request: 404, as an unknown one. */
    static DatasetRequestId id(String text) {
        try {
            return new DatasetRequestId(text);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no such dataset request");
        }
    }
}
