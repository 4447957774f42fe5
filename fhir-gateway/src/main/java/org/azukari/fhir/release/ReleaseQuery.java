package org.azukari.fhir.release;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * A recipient's search inside one resident's released records: {@code patient} (or
 * {@code subject}) is required and is the recipient's pseudonym; {@code _lastUpdated} and
 * {@code date} take the FHIR prefixes {@code eq ge gt le lt} on a date or an instant;
 * {@code category} and {@code code} are tokens ({@code system|code}, {@code code}, comma = or);
 * {@code _count} (1–100, default 20); {@code _summary=count}; {@code _include} and
 * {@code _revinclude} ({@code Type:param[:Target]}, or {@code *}), {@code _has}
 * ({@code _has:Type:param:code|category|date=value}) and {@code _elements} — all of them
 * answered from the same released set, so they never reach a record the decision withholds.
 * Anything else — {@code _sort}, chains, modifiers, {@code :iterate} — is refused with 400
 * (FG-0710).
 *
 * @param canonical the parameters as one sorted query string, which page tokens carry
 */
public record ReleaseQuery(String type, RecipientPseudonym patient, List<DateBound> lastUpdated, List<DateBound> date,
                           List<List<Token>> category, List<List<Token>> code, int count, boolean summaryCount,
                           List<ReferenceParam> include, List<ReferenceParam> revinclude, List<Has> has,
                           List<String> elements, String canonical) {

    /**
     * A reference search parameter of {@code type} ({@code Observation:encounter}), with an optional
     * target type; {@code wildcard} is {@code _include=*} (every reference).
     */
    public record ReferenceParam(String type, String param, Optional<String> target, boolean wildcard) {
    }

    /** {@code _has:Type:param:criterion=value}: keep matches cited through {@code param} by a released {@code Type} record meeting {@code criterion}. */
    public record Has(ReferenceParam by, List<DateBound> date, List<List<Token>> category, List<List<Token>> code) {
    }

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
            if (!Set.of("patient", "subject", "_lastUpdated", "date", "category", "code", "_count", "_summary",
                    "_include", "_revinclude", "_elements").contains(name) && !name.startsWith("_has:")) {
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
        List<String> counts = kept.getOrDefault("_count", List.of());
        if (counts.size() > 1) {
            throw badRequest("_count may be given once");
        }
        int count = counts.isEmpty() ? DEFAULT_COUNT : count(counts.get(0));
        List<ReferenceParam> include = new ArrayList<>();
        for (String value : kept.getOrDefault("_include", List.of())) {
            include.add(value.equals("*") ? new ReferenceParam(type, "*", Optional.empty(), true)
                    : referenceParam(value, Optional.of(type)));
        }
        List<ReferenceParam> revinclude = new ArrayList<>();
        for (String value : kept.getOrDefault("_revinclude", List.of())) {
            revinclude.add(referenceParam(value, Optional.empty()));
        }
        List<Has> has = new ArrayList<>();
        kept.forEach((name, values) -> {
            if (name.startsWith("_has:")) {
                has.add(has(name, values));
            }
        });
        List<String> elements = new ArrayList<>();
        for (String value : kept.getOrDefault("_elements", List.of())) {
            for (String element : value.split(",")) {
                elements.add(ReferencePaths.element(type, element.trim()));
            }
        }
        return new ReleaseQuery(type, new RecipientPseudonym(patient), SearchValues.dates(kept.get("_lastUpdated")),
                SearchValues.dates(kept.get("date")), SearchValues.tokens(kept.get("category")),
                SearchValues.tokens(kept.get("code")), count,
                summary.size() == 1, List.copyOf(include), List.copyOf(revinclude), List.copyOf(has),
                List.copyOf(elements), canonical(kept));
    }

    /** The types besides {@link #type} whose released records this search may need ({@code _include}, {@code _revinclude}, {@code _has}). */
    public Set<String> relatedTypes(Set<String> releasedTypes) {
        Set<String> related = new java.util.TreeSet<>();
        for (ReferenceParam param : include) {
            related.addAll(param.wildcard() ? releasedTypes
                    : param.target().map(Set::of).orElseGet(() -> ReferencePaths.targets(param)));
        }
        revinclude.forEach(param -> related.add(param.type()));
        has.forEach(h -> related.add(h.by().type()));
        related.retainAll(releasedTypes);
        return related;
    }

    /** Whether an {@code _include} may cite the resident's Patient (sent under the recipient's pseudonym). */
    public boolean includesPatient() {
        return include.stream().anyMatch(param -> param.wildcard() || param.target()
                .map("Patient"::equals).orElseGet(() -> ReferencePaths.targets(param).contains("Patient")));
    }

    /** {@code Type:param[:Target]}; for {@code _include} the type must be the one searched. */
    private static ReferenceParam referenceParam(String value, Optional<String> requiredType) {
        String[] parts = value.split(":");
        if (parts.length < 2 || parts.length > 3 || !parts[0].matches("[A-Z][A-Za-z]{1,63}")
                || !parts[1].matches("[a-z][a-z0-9-]{0,63}")
                || (parts.length == 3 && !parts[2].matches("[A-Z][A-Za-z]{1,63}"))) {
            throw badRequest("_include and _revinclude take Type:param or Type:param:Target");
        }
        if (requiredType.isPresent() && !requiredType.get().equals(parts[0])) {
            throw badRequest("_include names the type searched (" + requiredType.get() + ")");
        }
        ReferenceParam param = new ReferenceParam(parts[0], parts[1],
                parts.length == 3 ? Optional.of(parts[2]) : Optional.empty(), false);
        ReferencePaths.requireReferenceParam(param);
        return param;
    }

    private static Has has(String name, List<String> values) {
        String[] parts = name.split(":");
        if (parts.length != 4 || !Set.of("code", "category", "date").contains(parts[3])) {
            throw badRequest("_has takes _has:Type:param:code, :category or :date");
        }
        ReferenceParam by = referenceParam(parts[1] + ":" + parts[2], Optional.empty());
        return switch (parts[3]) {
            case "code" -> new Has(by, List.of(), List.of(), SearchValues.tokens(values));
            case "category" -> new Has(by, List.of(), SearchValues.tokens(values), List.of());
            default -> new Has(by, SearchValues.dates(values), List.of(), List.of());
        };
    }

    /** The same criteria as a query on {@code has.by().type()}, for the matcher. */
    ReleaseQuery criteriaOf(Has has) {
        return new ReleaseQuery(has.by().type(), patient, List.of(), has.date(), has.category(), has.code(), count,
                false, List.of(), List.of(), List.of(), List.of(), "");
    }

    /** A {@code _count}: 1 to {@value #MAX_COUNT}, else a 400. */
    static int count(String text) {
        int count;
        try {
            count = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw badRequest("_count must be a number");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw badRequest("_count must be between 1 and " + MAX_COUNT);
        }
        return count;
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

    /** Parameter names are echoed only when they look like parameter names. */
    private static String safe(String name) {
        return name.matches("[A-Za-z_:.\\-]{1,60}") ? name : "(unnamed)";
    }

    /** A 400 for a request shape the release does not serve (history, a page token with other parameters). */
    public static ReleaseRefusedException badRequestFor(String message) {
        return badRequest(message);
    }

    static ReleaseRefusedException badRequest(String message) {
        return new ReleaseRefusedException(400, FhirGatewayError.FG_0710, message);
    }
}
