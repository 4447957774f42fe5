package org.azukari.fhir.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.azukari.fhir.release.ReleaseQuery.DateBound;
import org.azukari.fhir.release.ReleaseQuery.Token;

/**
 * The values of a released search's parameters, parsed: dates with their FHIR prefix (a year, a
 * month, a day or an instant, as an instant range) and tokens ({@code system|code}, {@code code},
 * comma = or). A malformed value is a 400 (FG-0710), like every other problem of the query.
 */
final class SearchValues {

    private SearchValues() {
    }

    static List<DateBound> dates(List<String> values) {
        List<DateBound> bounds = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
            String text = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(2) : value;
            if (!Set.of("eq", "ge", "gt", "le", "lt").contains(prefix)) {
                throw ReleaseQuery.badRequest("date prefixes are eq, ge, gt, le, lt");
            }
            bounds.add(range(prefix, text));
        }
        return bounds;
    }

    private static DateBound range(String prefix, String text) {
        try {
            if (text.length() == 4) {
                LocalDate year = LocalDate.of(Integer.parseInt(text), 1, 1);
                return new DateBound(prefix, start(year), start(year.plusYears(1)));
            }
            if (text.length() == 7) {
                LocalDate month = LocalDate.parse(text + "-01");
                return new DateBound(prefix, start(month), start(month.plusMonths(1)));
            }
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return new DateBound(prefix, start(day), start(day.plusDays(1)));
            }
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return new DateBound(prefix, instant, instant.plusMillis(1));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ReleaseQuery.badRequest("malformed date");
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    static List<List<Token>> tokens(List<String> values) {
        List<List<Token>> all = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            List<Token> any = new ArrayList<>();
            for (String part : value.split(",")) {
                int bar = part.indexOf('|');
                any.add(bar < 0 ? new Token(Optional.empty(), part)
                        : new Token(Optional.of(part.substring(0, bar)).filter(s -> !s.isEmpty()), part.substring(bar + 1)));
            }
            all.add(any);
        }
        return all;
    }
}
