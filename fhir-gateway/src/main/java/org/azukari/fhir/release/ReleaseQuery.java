package org.azukari.fhir.release;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A recipient's search inside one resident's released records: {@code patient} (or
 * {@code subject}) is required and is the recipient's pseudonym; {@code _lastUpdated} and
 * {@code date} take the FHIR prefixes {@code eq ge gt le lt} on a date or an instant;
 * {@code category} and {@code code} are tokens ({@code system|code}, {@code code}, comma = or);
 * {@code _count} (1–100, default 20); {@code _summary=count}. Anything else — {@code _include},
 * {@code _revinclude}, {@code _has}, {@code _elements}, {@code _sort}, chains, modifiers — is
 * refused with 400 (FG-0710): nothing reaches the records except through the release filter.
 *
 * @param canonical the parameters as one sorted query string, which page tokens carry
 */
public record ReleaseQuery(String type, RecipientPseudonym patient, List<DateBound> lastUpdated, List<DateBound> date,
                           List<List<Token>> category, List<List<Token>> code, int count, boolean summaryCount,
                           String canonical) {

    public static final int DEFAULT_COUNT = 20;
    public static final int MAX_COUNT = 100;
    private static final Set<String> IGNORED = Set.of("_format", "_pretty");

    /** One comparison of a date search parameter, as an instant range [from, to). */
    public record DateBound(String prefix, Instant from, Instant to) {

        /** Whether a resource's time [start, end) satisfies this bound (eq: overlaps it). */
        boolean matches(Instant start, Instant end) {
            return switch (prefix) {
                case "ge" -> end.isAfter(from);
                case "gt" -> end.isAfter(to);
                case "le" -> start.isBefore(to);
                case "lt" -> start.isBefore(from);
                default -> start.isBefore(to) && end.isAfter(from);
            };
        }
    }

    /** A token: an optional system and a code. */
    public record Token(Optional<String> system, String code) {
    }

    /** Parses the parameters of {@code GET /fhir/{type}?...}; any problem is a 400. */
    public static ReleaseQuery parse(String type, Map<String, String[]> parameters) {
        TreeMap<String, List<String>> kept = new TreeMap<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (IGNORED.contains(name)) {
                continue;
            }
            if (!Set.of("patient", "subject", "_lastUpdated", "date", "category", "code", "_count", "_summary")
                    .contains(name)) {
                throw badRequest("the search parameter " + safe(name) + " is not supported on released data");
            }
            kept.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(parameter.getValue()));
        }
        List<String> patients = new ArrayList<>(kept.getOrDefault("patient", List.of()));
        patients.addAll(kept.getOrDefault("subject", List.of()));
        if (patients.size() != 1) {
            throw badRequest("exactly one patient (or subject) parameter is required");
        }
        String patient = patients.get(0);
        patient = patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
        if (!RecipientPseudonym.wellFormed(patient)) {
            throw ReleaseRefusedException.notFound();
        }
        List<String> summary = kept.getOrDefault("_summary", List.of());
        if (summary.size() > 1 || (summary.size() == 1 && !summary.get(0).equals("count"))) {
            throw badRequest("only _summary=count is supported on released data");
        }
        int count = DEFAULT_COUNT;
        List<String> counts = kept.getOrDefault("_count", List.of());
        if (counts.size() > 1) {
            throw badRequest("_count may be given once");
        }
        if (counts.size() == 1) {
            try {
                count = Integer.parseInt(counts.get(0));
            } catch (NumberFormatException e) {
                throw badRequest("_count must be a number");
            }
            if (count < 1 || count > MAX_COUNT) {
                throw badRequest("_count must be between 1 and " + MAX_COUNT);
            }
        }
        return new ReleaseQuery(type, new RecipientPseudonym(patient), dates(kept.get("_lastUpdated")),
                dates(kept.get("date")), tokens(kept.get("category")), tokens(kept.get("code")), count,
                summary.size() == 1, canonical(kept));
    }

    /** Parses the canonical string a page token carried. */
    public static ReleaseQuery parseCanonical(String type, String canonical) {
        Map<String, List<String>> parameters = new TreeMap<>();
        for (String pair : canonical.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            parameters.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        Map<String, String[]> arrays = new TreeMap<>();
        parameters.forEach((k, v) -> arrays.put(k, v.toArray(String[]::new)));
        return parse(type, arrays);
    }

    private static String canonical(TreeMap<String, List<String>> kept) {
        StringBuilder out = new StringBuilder();
        kept.forEach((name, values) -> values.stream().sorted().forEach(value -> out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return out.toString();
    }

    private static List<DateBound> dates(List<String> values) {
        List<DateBound> bounds = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
            String text = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(2) : value;
            if (!Set.of("eq", "ge", "gt", "le", "lt").contains(prefix)) {
                throw badRequest("date prefixes are eq, ge, gt, le, lt");
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
            throw badRequest("malformed date");
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static List<List<Token>> tokens(List<String> values) {
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

    /** Parameter names are echoed only when they look like parameter names. */
    private static String safe(String name) {
        return name.matches("[A-Za-z_:.\\-]{1,40}") ? name : "(unnamed)";
    }

    /** A 400 for a request shape the release does not serve (history, a page token with other parameters). */
    public static ReleaseRefusedException badRequestFor(String message) {
        return badRequest(message);
    }

    static ReleaseRefusedException badRequest(String message) {
        return new ReleaseRefusedException(400, "FG-0710", message);
    }
}
