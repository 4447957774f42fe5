package org.azukari.fhir.release;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * {@code GET Patient/{pseudonym}/$everything}: {@code _type} (comma-separated types),
 * {@code _since} (an instant: records stored since), {@code _count} (records per page, 1–100,
 * default 50). Anything else is a 400 (FG-0710), as for searches.
 *
 * @param canonical the parameters as one sorted query string (with the patient), which page tokens carry
 */
public record EverythingQuery(RecipientPseudonym patient, Set<String> types, Optional<Instant> since, int count,
                              String canonical) {

    public static final String SCOPE = "Patient/$everything";
    public static final int DEFAULT_COUNT = 50;
    private static final Set<String> IGNORED = Set.of("_format", "_pretty");

    public static EverythingQuery parse(RecipientPseudonym patient, Map<String, String[]> parameters) {
        TreeMap<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (IGNORED.contains(parameter.getKey())) {
                continue;
            }
            if (!Set.of("_type", "_since", "_count").contains(parameter.getKey())) {
                throw ReleaseQuery.badRequest("$everything takes _type, _since and _count");
            }
            if (parameter.getValue().length != 1) {
                throw ReleaseQuery.badRequest(parameter.getKey() + " may be given once");
            }
            kept.put(parameter.getKey(), parameter.getValue()[0]);
        }
        Set<String> types = new TreeSet<>();
        if (kept.containsKey("_type")) {
            for (String type : kept.get("_type").split(",")) {
                if (!type.trim().matches("[A-Z][A-Za-z]{1,63}")) {
                    throw ReleaseQuery.badRequest("_type takes resource type names");
                }
                types.add(type.trim());
            }
        }
        Optional<Instant> since = Optional.empty();
        if (kept.containsKey("_since")) {
            try {
                since = Optional.of(OffsetDateTime.parse(kept.get("_since")).toInstant());
            } catch (DateTimeParseException e) {
                throw ReleaseQuery.badRequest("_since is an instant with a time zone");
            }
        }
        int count = kept.containsKey("_count") ? ReleaseQuery.count(kept.get("_count")) : DEFAULT_COUNT;
        kept.put("patient", patient.value());
        StringBuilder canonical = new StringBuilder();
        kept.forEach((name, value) -> canonical.append(canonical.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return new EverythingQuery(patient, Set.copyOf(types), since, count, canonical.toString());
    }

    /** Parses what a page token carried; the patient must be the one in the path. */
    public static EverythingQuery parseCanonical(RecipientPseudonym patient, String canonical) {
        Map<String, String[]> parameters = new TreeMap<>();
        String carried = null;
        for (String pair : canonical.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            if (kv[0].equals("patient")) {
                carried = value;
            } else {
                parameters.put(kv[0], new String[] {value});
            }
        }
        if (!patient.value().equals(carried)) {
            throw new ReleaseRefusedException(400, FhirGatewayError.FG_0712, "the page token is not valid here or has expired; ask again");
        }
        return parse(patient, parameters);
    }

    boolean wants(String type) {
        return types.isEmpty() || types.contains(type);
    }
}
