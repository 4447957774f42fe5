package org.azukari.consent.api;

import java.util.Objects;

/**
 * How a dataset is de-identified, as the service asked and the operator approved: dates shifted
 * per person or generalised to month or year, ages banded, location generalised, and
 * quasi-identifier groups smaller than {@code k} suppressed.
 */
public record Deidentification(DateHandling dates, int ageBandYears, LocationLevel location, int k) {

    public static final int DEFAULT_K = 5;

    public enum DateHandling { SHIFT, MONTH, YEAR }

    /** {@code PREFECTURE}: the prefecture (or the first three digits of a postal code); {@code NONE}: no location. */
    public enum LocationLevel { PREFECTURE, NONE }

    public Deidentification {
        Objects.requireNonNull(dates);
        Objects.requireNonNull(location);
        if (ageBandYears != 5 && ageBandYears != 10) {
            throw new BadInputException(ConsentPolicyError.CP_0303, "age bands are 5 or 10 years wide");
        }
        if (k < 2 || k > 100) {
            throw new BadInputException(ConsentPolicyError.CP_0303, "k is between 2 and 100");
        }
    }

    public static Deidentification defaults() {
        return new Deidentification(DateHandling.MONTH, 5, LocationLevel.PREFECTURE, DEFAULT_K);
    }
}
