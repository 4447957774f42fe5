package org.azukari.fhir.export.deid;

import java.time.LocalDate;
import java.time.Period;
import org.hl7.fhir.r4.model.DateType;

/**
 * Age on the reference date (the export's), in bands of the profile's width with one open top
 * band. A birth date known only to the month or year counts from its first day, so the band is
 * the oldest the person can be; a birth date after the reference date is {@code unknown}.
 */
final class AgeBands {

    private final int width;
    private final int top;
    private final LocalDate referenceDate;

    AgeBands(DeidentificationProfile profile, LocalDate referenceDate) {
        this.width = profile.ageBandYears();
        this.top = profile.topAgeBand();
        this.referenceDate = referenceDate;
    }

    String band(DateType birthDate) {
        if (birthDate == null || birthDate.isEmpty()) {
            return QuasiIdentifiers.UNKNOWN;
        }
        String text = birthDate.getValueAsString();
        LocalDate born = LocalDate.of(Integer.parseInt(text.substring(0, 4)),
                text.length() >= 7 ? Integer.parseInt(text.substring(5, 7)) : 1,
                text.length() >= 10 ? Integer.parseInt(text.substring(8, 10)) : 1);
        if (born.isAfter(referenceDate)) {
            return QuasiIdentifiers.UNKNOWN;
        }
        return band(Period.between(born, referenceDate).getYears());
    }

    String band(int age) {
        if (age >= top) {
            return top + "+";
        }
        int low = age / width * width;
        return low + "-" + (low + width - 1);
    }
}
