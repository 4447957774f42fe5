package org.azukari.consent.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a wellness service asks for: the purpose (from the catalogue), the data categories, the
 * concrete items, the period the records must fall in (by clinical date), how often it wants a
 * fresh export, and the de-identification it needs.
 */
public record DatasetSpec(String title, Purpose purpose, Set<ConsentCategory> categories, List<DatasetItem> items,
                          LocalDate periodStart, LocalDate periodEnd, Duration refreshInterval,
                          Deidentification deidentification) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_ITEMS = 100;

    public DatasetSpec {
        Objects.requireNonNull(title);
        Objects.requireNonNull(purpose);
        categories = Set.copyOf(Objects.requireNonNull(categories));
        items = List.copyOf(Objects.requireNonNull(items));
        Objects.requireNonNull(periodStart);
        Objects.requireNonNull(periodEnd);
        Objects.requireNonNull(refreshInterval);
        Objects.requireNonNull(deidentification);
        if (title.isBlank() || title.length() > MAX_TITLE || title.chars().anyMatch(Character::isISOControl)) {
            throw new BadInputException(ConsentPolicyError.CP_0304, "a dataset request needs a title of 1 to 200 characters");
        }
        if (categories.isEmpty() || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new BadInputException(ConsentPolicyError.CP_0304, "a dataset request names categories and 1 to 100 items");
        }
        if (periodEnd.isBefore(periodStart)) {
            throw new BadInputException(ConsentPolicyError.CP_0304, "the period ends before it starts");
        }
        if (refreshInterval.compareTo(Duration.ofDays(1)) < 0 || refreshInterval.compareTo(Duration.ofDays(366)) > 0) {
            throw new BadInputException(ConsentPolicyError.CP_0304, "the refresh interval is 1 to 366 days");
        }
    }
}
