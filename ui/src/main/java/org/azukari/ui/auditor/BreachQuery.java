package org.azukari.ui.auditor;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.breach.BreachScope.Compromised;
import org.azukari.fhir.breach.BreachScope.Window;
import org.azukari.ui.web.UiError;

/**
 * A breach-scope question as typed into the auditor's form: what was compromised ({@code client},
 * {@code account} or {@code organisation}) and its id, the first and last day (Japan time, both
 * included) and the page's offset. A field the form could not have sent is refused with
 * {@code AU-0001} and the field's name, never what was typed; a window the query itself refuses
 * (too long, from after to) keeps the query's own code ({@code AL-0003}). The operator's console
 * asks the same question on its breach-scope page.
 */
public record BreachQuery(String kind, String id, String from, String to, String offset) {

    private static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
    private static final int MAX_FIELD = 64;
    private static final Pattern OFFSET = Pattern.compile("0|[1-9][0-9]{0,8}");

    public BreachQuery {
        kind = field(kind, "kind");
        id = field(id, "id");
        from = field(from, "from");
        to = field(to, "to");
        offset = field(offset, "offset");
    }

    /** The form as first shown, or a question asked. */
    public boolean asked() {
        return !(kind.isEmpty() && id.isEmpty() && from.isEmpty() && to.isEmpty() && offset.isEmpty());
    }

    public Compromised compromised() {
        if (!kind.equals("client") && !kind.equals("account") && !kind.equals("organisation")) {
            throw refused("kind");
        }
        if (id.isEmpty()) {
            throw refused("id");
        }
        Optional<String> named = Optional.of(id);
        try {
            return Compromised.of(kind.equals("client") ? named : Optional.empty(),
                    kind.equals("account") ? named : Optional.empty(),
                    kind.equals("organisation") ? named : Optional.empty());
        } catch (IllegalArgumentException malformed) {
            throw refused("id");
        }
    }

    public Window window() {
        LocalDate first = day(from, "from");
        LocalDate last = day(to, "to");
        return Window.of(Optional.of(first.atStartOfDay(CITY).toInstant()),
                Optional.of(last.plusDays(1).atStartOfDay(CITY).toInstant()));
    }

    public int firstResident() {
        if (offset.isEmpty()) {
            return 0;
        }
        if (!OFFSET.matcher(offset).matches()) {
            throw refused("offset");
        }
        return Integer.parseInt(offset);
    }

    /** This question at {@code path} from the resident at {@code offset}, for a "next" link. */
    public String link(String path, int offset) {
        return path + "?kind=" + kind + "&id=" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                + "&from=" + from + "&to=" + to + "&offset=" + offset;
    }

    private static LocalDate day(String text, String name) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException malformed) {
            throw refused(name);
        }
    }

    private static String field(String value, String name) {
        String text = value == null ? "" : value.strip();
        if (text.length() > MAX_FIELD) {
            throw refused(name);
        }
        return text;
    }

    private static IllegalArgumentException refused(String field) {
        return new BadInputException(UiError.AU_0001, field + " is not valid");
    }
}
