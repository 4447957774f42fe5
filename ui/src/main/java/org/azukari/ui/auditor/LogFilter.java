package org.azukari.ui.auditor;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.ui.web.UiError;

/**
 * What an auditor asked of the access log, as typed into the search form: days (in the city's
 * time zone, both inclusive), resident, actor, organisation, client, purpose, action, decision,
 * emergency ({@code yes}, {@code no} or any) and request id, and the page's cursor {@code before}
 * (the sequence the page starts below; empty for the newest). Each field is checked as the form
 * offers it, here or when the query is built (before any search); a refusal is an {@link IllegalArgumentException} with code {@code AU-0001} and the
 * field's name, never what was typed.
 */
record LogFilter(String from, String to, String resident, String actor, String organisation, String client,
                 String purpose, String action, String decision, String emergency, String request, String before) {

    static final ZoneId CITY = ZoneId.of("Asia/Tokyo");
    static final int PAGE_SIZE = 50;
    static final int MAX_FIELD = 64;
    private static final Pattern CLIENT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SEQUENCE = Pattern.compile("[1-9][0-9]{0,17}");

    LogFilter {
        from = field(from, "from");
        to = field(to, "to");
        resident = field(resident, "resident");
        actor = field(actor, "actor");
        organisation = field(organisation, "organisation");
        client = checked(field(client, "client"), CLIENT, "client");
        purpose = field(purpose, "purpose");
        action = field(action, "action");
        decision = field(decision, "decision");
        emergency = field(emergency, "emergency");
        request = checked(field(request, "request"), REQUEST, "request");
        before = checked(field(before, "before"), SEQUENCE, "before");
    }

    /** This page of the search, one entry more than shown (to know whether there is an older page). */
    AccessLogQuery pageQuery() {
        return query(PAGE_SIZE + 1);
    }

    /** The first {@code limit} entries of the search from this page on, for the CSV. */
    AccessLogQuery query(int limit) {
        return AccessLogQuery.builder().resident(optional(resident).map(LogFilter::resident)).actorId(optional(actor))
                .organisation(optional(organisation)).client(optional(client))
                .purpose(optional(purpose).map(LogFilter::purpose))
                .from(optional(from).map(day -> day(day, "from").atStartOfDay(CITY).toInstant()))
                .to(optional(to).map(day -> day(day, "to").plusDays(1).atStartOfDay(CITY).toInstant()))
                .action(optional(action).map(LogFilter::action)).decision(optional(decision).map(LogFilter::decision))
                .emergency(optional(emergency).map(LogFilter::emergency)).requestId(optional(request))
                .before(optional(before).map(Long::valueOf)).limit(limit).build();
    }

    /** The filter as query parameters, for the paging links and the CSV link (the cursor left out). */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("resident", resident);
        parameters.put("actor", actor);
        parameters.put("organisation", organisation);
        parameters.put("client", client);
        parameters.put("purpose", purpose);
        parameters.put("action", action);
        parameters.put("decision", decision);
        parameters.put("emergency", emergency);
        parameters.put("request", request);
        return parameters;
    }

    private static String checked(String value, Pattern format, String name) {
        if (!value.isEmpty() && !format.matcher(value).matches()) {
            throw refused(name);
        }
        return value;
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

    private static AccessAction action(String text) {
        try {
            return AccessAction.valueOf(text);
        } catch (IllegalArgumentException unknown) {
            throw refused("action");
        }
    }

    private static boolean emergency(String text) {
        return switch (text) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw refused("emergency");
        };
    }

    private static IllegalArgumentException refused(String field) {
        return new BadInputException(UiError.AU_0001, field + " is not valid");
    }
}
