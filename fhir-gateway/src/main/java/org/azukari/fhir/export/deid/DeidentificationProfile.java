package org.azukari.fhir.export.deid;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * How one dataset request is de-identified, as the service asked and the operator approved.
 *
 * @param dates            per-person shift, or cut to month or year
 * @param maxShiftDays     the largest shift, in days either way (used with {@link DateHandling#SHIFT})
 * @param ageBandYears     width of an age band: 5 or 10
 * @param topAgeBand       the age from which everyone shares one open band ("90+"); at most 90, as ages
 *                         above it are rare enough to identify
 * @param location         how much of the home address survives
 * @param k                the smallest quasi-identifier group that is published
 * @param quasiIdentifiers what the k-anonymity check groups people by
 */
public record DeidentificationProfile(DateHandling dates, int maxShiftDays, int ageBandYears, int topAgeBand,
        LocationGeneralisation location, int k, Set<QuasiIdentifier> quasiIdentifiers) {

    public static final int DEFAULT_K = 5;
    public static final int MIN_K = 2;
    public static final int MAX_K = 1000;
    public static final int DEFAULT_MAX_SHIFT_DAYS = 182;
    public static final int LIMIT_SHIFT_DAYS = 366;
    public static final int HIGHEST_TOP_AGE_BAND = 90;

    public enum DateHandling { SHIFT, GENERALISE_MONTH, GENERALISE_YEAR }

    /**
     * {@code POSTAL_AREA}: country and the first three digits of a Japanese postal code;
     * {@code PREFECTURE}: country and prefecture; {@code DROP}: no address at all.
     */
    public enum LocationGeneralisation { POSTAL_AREA, PREFECTURE, DROP }

    public enum QuasiIdentifier { AGE_BAND, GENDER, LOCATION }

    public DeidentificationProfile {
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(quasiIdentifiers, "quasiIdentifiers");
        if (maxShiftDays < 1 || maxShiftDays > LIMIT_SHIFT_DAYS) {
            throw new BadInputException(FhirGatewayError.FG_0901, "date shift is 1 to " + LIMIT_SHIFT_DAYS + " days");
        }
        if (ageBandYears != 5 && ageBandYears != 10) {
            throw new BadInputException(FhirGatewayError.FG_0902, "age bands are 5 or 10 years wide");
        }
        if (topAgeBand < 2 * ageBandYears || topAgeBand > HIGHEST_TOP_AGE_BAND || topAgeBand % ageBandYears != 0) {
            throw new BadInputException(FhirGatewayError.FG_0903, "top age band starts at a band boundary, at most "
                    + HIGHEST_TOP_AGE_BAND);
        }
        if (k < MIN_K || k > MAX_K) {
            throw new BadInputException(FhirGatewayError.FG_0904, "k is between " + MIN_K + " and " + MAX_K);
        }
        if (quasiIdentifiers.isEmpty()) {
            throw new BadInputException(FhirGatewayError.FG_0905, "at least one quasi-identifier is checked");
        }
        quasiIdentifiers = Set.copyOf(EnumSet.copyOf(quasiIdentifiers));
        if (location == LocationGeneralisation.DROP && quasiIdentifiers.contains(QuasiIdentifier.LOCATION)) {
            throw new BadInputException(FhirGatewayError.FG_0906, "location is checked as a quasi-identifier but dropped");
        }
    }

    /** Month precision, 5-year bands to 90+, prefecture, k = 5 over age band, gender and location. */
    public static DeidentificationProfile defaults() {
        return new DeidentificationProfile(DateHandling.GENERALISE_MONTH, DEFAULT_MAX_SHIFT_DAYS, 5,
                HIGHEST_TOP_AGE_BAND, LocationGeneralisation.PREFECTURE, DEFAULT_K,
                EnumSet.allOf(QuasiIdentifier.class));
    }

    public DeidentificationProfile withDates(DateHandling dates) {
        return new DeidentificationProfile(dates, maxShiftDays, ageBandYears, topAgeBand, location, k,
                quasiIdentifiers);
    }

    /** Dates shifted per person by up to {@code maxDays} either way. */
    public DeidentificationProfile withShift(int maxDays) {
        return new DeidentificationProfile(DateHandling.SHIFT, maxDays, ageBandYears, topAgeBand, location, k,
                quasiIdentifiers);
    }

    public DeidentificationProfile withAgeBands(int years, int top) {
        return new DeidentificationProfile(dates, maxShiftDays, years, top, location, k, quasiIdentifiers);
    }

    /** The location kept; dropping it also takes it out of the quasi-identifiers. */
    public DeidentificationProfile withLocation(LocationGeneralisation location) {
        Set<QuasiIdentifier> checked = EnumSet.copyOf(quasiIdentifiers);
        if (location == LocationGeneralisation.DROP) {
            checked.remove(QuasiIdentifier.LOCATION);
        }
        return new DeidentificationProfile(dates, maxShiftDays, ageBandYears, topAgeBand, location, k, checked);
    }

    public DeidentificationProfile withK(int k) {
        return new DeidentificationProfile(dates, maxShiftDays, ageBandYears, topAgeBand, location, k,
                quasiIdentifiers);
    }

    public DeidentificationProfile withQuasiIdentifiers(Set<QuasiIdentifier> checked) {
        return new DeidentificationProfile(dates, maxShiftDays, ageBandYears, topAgeBand, location, k, checked);
    }
}
