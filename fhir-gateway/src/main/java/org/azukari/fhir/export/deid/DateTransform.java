package org.azukari.fhir.export.deid;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.util.Calendar;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * What happens to one person's dates. A shift moves every date, dateTime and instant by the
 * same number of days, so intervals within the person are kept; a date known only to the month
 * or year is moved from its first day and cut back to its own precision. Generalising cuts every
 * value to month or year, and removes instants (FHIR allows them only to the second).
 */
sealed interface DateTransform {

    void apply(BaseDateTimeType value);

    static DateTransform of(DeidentificationProfile.DateHandling handling, int shiftDays) {
        return switch (handling) {
            case SHIFT -> new Shift(shiftDays);
            case GENERALISE_MONTH -> new Generalise(TemporalPrecisionEnum.MONTH);
            case GENERALISE_YEAR -> new Generalise(TemporalPrecisionEnum.YEAR);
        };
    }

    record Shift(int days) implements DateTransform {
        @Override
        public void apply(BaseDateTimeType value) {
            TemporalPrecisionEnum precision = value.getPrecision();
            if (precision.ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
                value.add(Calendar.DATE, days);
                return;
            }
            String text = value.getValueAsString();
            LocalDate first = LocalDate.of(Integer.parseInt(text.substring(0, 4)),
                    text.length() >= 7 ? Integer.parseInt(text.substring(5, 7)) : 1,
                    text.length() >= 10 ? Integer.parseInt(text.substring(8, 10)) : 1);
            value.setValueAsString(first.plusDays(days).toString().substring(0, text.length()));
        }
    }

    record Generalise(TemporalPrecisionEnum precision) implements DateTransform {
        @Override
        public void apply(BaseDateTimeType value) {
            if (value instanceof InstantType) {
                value.setValue(null);
                return;
            }
            String text = value.getValueAsString();
            int length = precision == TemporalPrecisionEnum.YEAR ? 4 : 7;
            if (text.length() > length) {
                value.setValueAsString(text.substring(0, length));
            }
        }
    }
}
