package org.azukari.ui.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times as the pages show them, in the city's time zone ({@code azukari.ui.zone}, default
 * Asia/Tokyo), ISO-like so they read the same in both languages. In templates: {@code ${@dates.day(t)}}.
 */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

    private final ZoneId zone;

    public Dates(@Value("${azukari.ui.zone:Asia/Tokyo}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public String day(Instant at) {
        return at == null ? "" : DAY.format(at.atZone(zone));
    }

    public String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at.atZone(zone));
    }

    public String month(Instant at) {
        return at == null ? "" : MONTH.format(at.atZone(zone));
    }
}
