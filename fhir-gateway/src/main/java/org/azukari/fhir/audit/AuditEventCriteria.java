package org.azukari.fhir.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.AuditEvents;
import org.hl7.fhir.r4.model.Coding;

/**
 * A {@code GET /fhir/AuditEvent} search, checked and turned into an {@link AccessLogQuery}:
 *
 * <ul>
 * <li>{@code patient} {@code Patient/<resident id>} (or the bare id), {@code entity}
 * {@code Patient/<resident id>}, {@code entity:identifier} {@code urn:azukari:resident|<id>} or
 * {@code urn:azukari:request|<request id>}: the resident and the request id, the only entities the
 * log can match (a consent relied on, another type: FG-0744);</li>
 * <li>{@code agent}: {@code Organization/<id>} the organisation, {@code Device/<client id>} the OAuth
 * client, a bare id the acting account or client;</li>
 * <li>{@code date} ({@link DateBounds}), {@code type}, {@code subtype} (the codes
 * {@link AuditEvents} writes, comma = or, repeated = and) → the actions;</li>
 * <li>{@code outcome} {@code 0}, {@code 4}, {@code 8} (comma = or): 4 is a denial; 0 and 8 are both
 * permits in the log, told apart by the reason, so they are kept after the search
 * ({@link #outcomes()}) and a page may hold fewer than {@code _count};</li>
 * <li>{@code _count} 1–{@value #MAX_COUNT} (default {@value #DEFAULT_COUNT}) and {@code _before}, the
 * keyset cursor the {@code next} link carries.</li>
 * </ul>
 * Anything else is refused before the log is asked; an error names the parameter, never the value.
 *
 * @param outcomes       the outcome codes to keep; empty keeps every one
 * @param matchesNothing the criteria contradict each other (two residents, no action left): no need to ask
 * @param linkQuery      the search's own parameters, canonical and encoded, without the cursor
 */
public record AuditEventCriteria(AccessLogQuery query, Set<String> outcomes, boolean matchesNothing,
                                 String linkQuery) {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 100;

    /** Parameters HAPI itself reads (response format); they change no criterion. */
    private static final Set<String> FORMAT = Set.of("_format", "_pretty");
    private static final Set<String> NAMES = Set.of("patient", "date", "agent", "entity", "entity:identifier", "type",
            "subtype", "outcome", "_count", "_before");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TYPED = Pattern.compile("[A-Z][A-Za-z]{1,63}/.*");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,3}");
    private static final Pattern SEQUENCE = Pattern.compile("[1-9][0-9]{0,17}");
    private static final String OUTCOME_SYSTEM = "http://hl7.org/fhir/audit-event-outcome";
    private static final Set<String> OUTCOMES = Set.of("0", "4", "8");

    public AuditEventCriteria {
        outcomes = Set.copyOf(outcomes);
    }

    public static AuditEventCriteria parse(Map<String, String[]> parameters) {
        for (String name : parameters.keySet()) {
            if (!NAMES.contains(name) && !FORMAT.contains(name)) {
                throw AuditSearchRefusedException.unknownParameter();
            }
        }
        AccessLogQuery.Builder query = AccessLogQuery.builder();
        Set<ResidentId> residents = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        single(parameters, "patient").map(AuditEventCriteria::patient).ifPresent(residents::add);
        single(parameters, "entity").map(AuditEventCriteria::entity).ifPresent(residents::add);
        single(parameters, "entity:identifier").ifPresent(identifier -> {
            String[] parts = identifier.split("\\|", -1);
            if (parts.length != 2) {
                throw AuditSearchRefusedException.malformed("entity:identifier");
            }
            switch (parts[0]) {
                case "urn:azukari:resident" -> residents.add(resident(parts[1], "entity:identifier"));
                case AuditEvents.REQUEST_SYSTEM -> query.requestId(matching(REQUEST, parts[1], "entity:identifier"));
                default -> throw AuditSearchRefusedException.unmatchable("entity:identifier");
            }
        });
        residents.stream().findFirst().ifPresent(query::resident);
        single(parameters, "agent").ifPresent(agent -> agent(agent, query));
        DateBounds dates = DateBounds.of(values(parameters, "date"));
        dates.from().ifPresent(query::from);
        dates.to().ifPresent(query::to);
        Set<AccessAction> actions = EnumSet.allOf(AccessAction.class);
        for (String value : values(parameters, "type")) {
            actions.retainAll(actions(value, "type", AuditEvents::type));
        }
        for (String value : values(parameters, "subtype")) {
            actions.retainAll(actions(value, "subtype", AuditEvents::subtype));
        }
        if (actions.size() < AccessAction.values().length) {
            query.actions(actions);
        }
        Set<String> outcomes = new TreeSet<>(OUTCOMES);
        for (String value : values(parameters, "outcome")) {
            outcomes.retainAll(outcomes(value));
        }
        if (!outcomes.contains("4")) {
            query.decision(AccessDecision.PERMIT);
        } else if (outcomes.equals(Set.of("4"))) {
            query.decision(AccessDecision.DENY);
        }
        int count = single(parameters, "_count").map(c -> {
            int n = Integer.parseInt(matching(COUNT, c, "_count"));
            if (n < 1 || n > MAX_COUNT) {
                throw AuditSearchRefusedException.malformed("_count");
            }
            return n;
        }).orElse(DEFAULT_COUNT);
        query.limit(count);
        single(parameters, "_before").map(b -> Long.parseLong(matching(SEQUENCE, b, "_before"))).ifPresent(query::before);
        boolean nothing = residents.size() > 1 || actions.isEmpty() || outcomes.isEmpty() || dates.empty();
        return new AuditEventCriteria(query.build(), outcomes.equals(OUTCOMES) ? Set.of() : outcomes, nothing,
                linkQuery(parameters, count));
    }

    private static ResidentId patient(String value) {
        return resident(value.startsWith("Patient/") ? value.substring("Patient/".length()) : value, "patient");
    }

    private static ResidentId entity(String value) {
        if (value.startsWith("Patient/")) {
            return resident(value.substring("Patient/".length()), "entity");
        }
        throw TYPED.matcher(value).matches() ? AuditSearchRefusedException.unmatchable("entity")
                : AuditSearchRefusedException.malformed("entity");
    }

    private static ResidentId resident(String id, String parameter) {
        try {
            return ResidentId.parse(id);
        } catch (IllegalArgumentException e) {
            throw AuditSearchRefusedException.malformed(parameter);
        }
    }

    private static void agent(String value, AccessLogQuery.Builder query) {
        if (value.startsWith("Organization/")) {
            query.organisation(matching(ID, value.substring("Organization/".length()), "agent"));
        } else if (value.startsWith("Device/")) {
            query.client(matching(ID, value.substring("Device/".length()), "agent"));
        } else if (TYPED.matcher(value).matches()) {
            throw AuditSearchRefusedException.unmatchable("agent");
        } else {
            query.actorId(matching(ID, value, "agent"));
        }
    }

    /** The actions whose coding ({@code type} or {@code subtype}) is one of the tokens in {@code value}. */
    private static Set<AccessAction> actions(String value, String parameter, Function<AccessAction, Coding> coding) {
        Set<AccessAction> any = EnumSet.noneOf(AccessAction.class);
        for (String token : value.split(",", -1)) {
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String code = bar < 0 ? token : token.substring(bar + 1);
            if (code.isEmpty() || token.length() > 200) {
                throw AuditSearchRefusedException.malformed(parameter);
            }
            Set<AccessAction> matched = EnumSet.allOf(AccessAction.class).stream()
                    .filter(action -> coding.apply(action).getCode().equals(code)
                            && (system == null || coding.apply(action).getSystem().equals(system)))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(AccessAction.class)));
            if (matched.isEmpty()) {
                throw AuditSearchRefusedException.unmatchable(parameter);
            }
            any.addAll(matched);
        }
        return any;
    }

    private static Set<String> outcomes(String value) {
        Set<String> any = new TreeSet<>();
        for (String token : value.split(",", -1)) {
            String code = token.startsWith(OUTCOME_SYSTEM + "|") ? token.substring(OUTCOME_SYSTEM.length() + 1) : token;
            if (code.equals("12")) {
                throw AuditSearchRefusedException.unmatchable("outcome");
            }
            if (!OUTCOMES.contains(code)) {
                throw AuditSearchRefusedException.malformed("outcome");
            }
            any.add(code);
        }
        return any;
    }

    private static String matching(Pattern pattern, String value, String parameter) {
        if (!pattern.matcher(value).matches()) {
            throw AuditSearchRefusedException.malformed(parameter);
        }
        return value;
    }

    private static Optional<String> single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.length != 1 || values[0].contains(",")) {
            throw AuditSearchRefusedException.repeated(name);
        }
        return Optional.of(values[0]);
    }

    private static List<String> values(Map<String, String[]> parameters, String name) {
        return parameters.containsKey(name) ? List.of(parameters.get(name)) : List.of();
    }

    private static String linkQuery(Map<String, String[]> parameters, int count) {
        Map<String, List<String>> sorted = new TreeMap<>();
        parameters.forEach((name, values) -> {
            if (NAMES.contains(name) && !name.equals("_before") && !name.equals("_count")) {
                sorted.put(name, List.of(values));
            }
        });
        List<String> pairs = new ArrayList<>();
        sorted.forEach((name, values) -> values.forEach(value -> pairs.add(encode(name) + "=" + encode(value))));
        pairs.add("_count=" + count);
        return String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
