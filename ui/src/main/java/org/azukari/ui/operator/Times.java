package org.azukari.ui.operator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Times as the console shows them: to the minute, in the city's time zone (JST), with its name. */
public final class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private Times() {
    }

    public static String shown(Instant at) {
        return at == null ? "" : SHOWN.format(at);
    }

    public static String shown(Optional<Instant> at) {
        return at.map(Times::shown).orElse("");
    }
}
