package org.azukari.ui.auditor;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;

/**
 * What an auditor asked of the access log, as typed into the search form: days (in the city's
 * time zone, both inclusive), resident, actor, organisation, purpose and decision. Each field is
 * checked as the form offers it; a refusal is an {@link IllegalArgumentException} with code
 * {@code AU-0001} and the field's name, never what was typed.
 */
record LogFilter(String from, String to, String resident, String actor, String organisation, String purpose,
                 String decision, int page) {

    static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
    static final int PAGE_SIZE = 50;
    static final int MAX_FIELD = 64;

    LogFilter {
        from = field(from, "from");
        to = field(to, "to");
        resident = field(resident, "resident");
        actor = field(actor, "actor");
        organisation = field(organisation, "organisation");
        purpose = field(purpose, "purpose");
        decision = field(decision, "decision");
        if (page < 0 || (long) page * PAGE_SIZE >= 10_000) {
            throw refused("page");
        }
    }

    /** This page of the search, one entry more than shown (to know whether there is a next page). */
    AccessLogQuery pageQuery() {
        return query(page * PAGE_SIZE, PAGE_SIZE + 1);
    }

    /** The first {@code limit} entries of the search, for the CSV. */
    AccessLogQuery query(int offset, int limit) {
        return new AccessLogQuery(optional(resident).map(LogFilter::resident), optional(actor),
                optional(organisation), optional(purpose).map(LogFilter::purpose),
                optional(from).map(day -> day(day, "from").atStartOfDay(CITY).toInstant()),
                optional(to).map(day -> day(day, "to").plusDays(1).atStartOfDay(CITY).toInstant()),
                optional(decision).map(LogFilter::decision), offset, limit);
    }

    /** The filter as query parameters, for the paging links and the CSV link (page left out). */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("resident", resident);
        parameters.put("actor", actor);
        parameters.put("organisation", organisation);
        parameters.put("purpose", purpose);
        parameters.put("decision", decision);
        return parameters;
    }

    private static String field(String value, String name) {
        String text = value == null ? "" : value.strip();
        if (text.length() > MAX_FIELD) {
            throw refused(name);
        }
        return text;
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static LocalDate day(String text, String name) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException malformed) {
            throw refused(name);
        }
    }

    private static ResidentId resident(String text) {
        try {
            return ResidentId.parse(text);
        } catch (IllegalArgumentException malformed) {
            throw refused("resident");
        }
    }

    private static Purpose purpose(String text) {
        try {
            return new Purpose(text);
        } catch (IllegalArgumentException malformed) {
            throw refused("purpose");
        }
    }

    private static AccessDecision decision(String text) {
        try {
            return AccessDecision.valueOf(text);
        } catch (IllegalArgumentException unknown) {
            throw refused("decision");
        }
    }

    private static IllegalArgumentException refused(String field) {
        return new IllegalArgumentException("AU-0001 " + field + " is not valid");
    }
}
