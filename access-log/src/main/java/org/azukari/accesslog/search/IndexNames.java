package org.azukari.accesslog.search;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names under one prefix: the read alias {@code <prefix>}, the template and its pattern
 * {@code <prefix>-*}, and one index per month of entry time (UTC), {@code <prefix>-yyyy.MM}.
 * An entry's index follows from its own time, which never changes: re-indexing it always hits
 * the same index and the same document id, which is what makes indexing idempotent.
 */
record IndexNames(String prefix) {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu.MM").withZone(ZoneOffset.UTC);

    String alias() {
        return prefix;
    }

    String template() {
        return prefix;
    }

    String pattern() {
        return prefix + "-*";
    }

    String monthly(Instant at) {
        return prefix + "-" + MONTH.format(at);
    }

    String monthly(YearMonth month) {
        return prefix + "-" + String.format("%04d.%02d", month.getYear(), month.getMonthValue());
    }

    /** The month of a monthly index of this prefix; empty for any other name (never deleted by retention). */
    Optional<YearMonth> month(String index) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "-(\\d{4})\\.(\\d{2})").matcher(index);
        if (!m.matches()) {
            return Optional.empty();
        }
        int month = Integer.parseInt(m.group(2));
        return month < 1 || month > 12 ? Optional.empty() : Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), month));
    }
}
