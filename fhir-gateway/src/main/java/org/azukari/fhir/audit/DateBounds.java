package org.azukari.fhir.audit;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code date} parameters of an AuditEvent search as the log's time range: {@code from}
 * included, {@code to} excluded. Each value is a FHIR date or dateTime with an optional prefix
 * {@code eq} (the default: within the value's precision), {@code ge}, {@code gt}, {@code le},
 * {@code lt}; a time needs its offset, and a date without one (year, month or day) is a day in
 * Japan, as in the auditor's console. Several values all apply (and), so the tightest bounds win.
 * {@code ne}, {@code sa}, {@code eb}, {@code ap} and comma lists are refused.
 */
record DateBounds(Optional<Instant> from, Optional<Instant> to) {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int MAX_VALUES = 4;
    private static final Pattern VALUE = Pattern.compile("(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\\d{4}(-\\d{2}(-\\d{2}"
            + "(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2}))?)?)?)");

    static DateBounds of(List<String> values) {
        if (values.size() > MAX_VALUES) {
            throw AuditSearchRefusedException.repeated("date");
        }
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        for (String value : values) {
            if (value.contains(",")) {
                throw AuditSearchRefusedException.repeated("date");
            }
            Matcher m = VALUE.matcher(value);
            if (!m.matches()) {
                throw AuditSearchRefusedException.malformed("date");
            }
            String prefix = m.group(1) == null ? "eq" : m.group(1);
            Instant[] range = range(m);
            Optional<Instant> lower = switch (prefix) {
                case "eq", "ge" -> Optional.of(range[0]);
                case "gt" -> Optional.of(range[1]);
                case "le", "lt" -> Optional.empty();
                default -> throw AuditSearchRefusedException.unmatchable("date prefix");
            };
            Optional<Instant> upper = switch (prefix) {
                case "eq", "le" -> Optional.of(range[1]);
                case "lt" -> Optional.of(range[0]);
                default -> Optional.empty();
            };
            from = later(from, lower);
            to = earlier(to, upper);
        }
        return new DateBounds(from, to);
    }

    /** Whether no instant is both at or after {@code from} and before {@code to}. */
    boolean empty() {
        return from.isPresent() && to.isPresent() && !from.get().isBefore(to.get());
    }

    /** The first instant the value covers and the first it no longer covers. */
    private static Instant[] range(Matcher m) {
        String text = m.group(2);
        try {
            if (m.group(5) != null) {
                Instant start = OffsetDateTime.parse(text).toInstant();
                Duration precision = m.group(7) != null ? Duration.of(1, ChronoUnit.MICROS)
                        : m.group(6) != null ? Duration.ofSeconds(1) : Duration.ofMinutes(1);
                return new Instant[] {start, start.plus(precision)};
            }
            if (m.group(4) != null) {
                LocalDate day = LocalDate.parse(text);
                return new Instant[] {day.atStartOfDay(JAPAN).toInstant(), day.plusDays(1).atStartOfDay(JAPAN).toInstant()};
            }
            if (m.group(3) != null) {
                YearMonth month = YearMonth.parse(text);
                return new Instant[] {month.atDay(1).atStartOfDay(JAPAN).toInstant(),
                        month.plusMonths(1).atDay(1).atStartOfDay(JAPAN).toInstant()};
            }
            int year = Integer.parseInt(text);
            return new Instant[] {LocalDate.of(year, 1, 1).atStartOfDay(JAPAN).toInstant(),
                    LocalDate.of(year + 1, 1, 1).atStartOfDay(JAPAN).toInstant()};
        } catch (DateTimeException e) {
            throw AuditSearchRefusedException.malformed("date");
        }
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }
}
