package org.azukari.accesslog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;

/**
 * What the chain hashes. An entry's canonical form is JSON with keys sorted (at every level),
 * no insignificant white space, UTF-8, absent optionals left out, sets written as sorted arrays:
 * <pre>
 * {"action":"READ","actor":{"client":"c1","id":"a1","kind":"CLINIC_EMR","organisation":"o1"},
 *  "categories":["MEDICAL"],"consents":["c-1"],"decision":"PERMIT","purpose":"treatment",
 *  "reason":"consent-permit","requestId":"r-1","resident":"&lt;uuid&gt;","resourceCounts":{"Observation":12}}
 * </pre>
 * The stored {@code entry_json} is exactly that text. A chained entry is
 * <pre>{"at":"2026-11-26T15:02:13.123456Z","entry":&lt;entry_json&gt;,"entryId":"&lt;uuid&gt;","sequence":42}</pre>
 * with the time in UTC, always six fraction digits (the log keeps microseconds), and
 * {@code hash = hex(SHA-256(ascii(prevHash) || utf8(chained)))}; the first entry's
 * {@code prevHash} is {@link #GENESIS}. Hashes are 64 lower-case hex digits.
 */
public final class CanonicalForm {

    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private CanonicalForm() {
    }

    public static String entryJson(AccessLogEntry entry) {
        Map<String, Object> actor = new TreeMap<>();
        actor.put("kind", entry.actor().kind().name());
        actor.put("id", entry.actor().id());
        entry.actor().organisation().ifPresent(o -> actor.put("organisation", o));
        entry.actor().client().ifPresent(c -> actor.put("client", c));
        Map<String, Object> json = new TreeMap<>();
        json.put("actor", actor);
        entry.resident().ifPresent(r -> json.put("resident", r.value().toString()));
        json.put("action", entry.action().name());
        json.put("resourceCounts", entry.resourceCounts());
        json.put("categories", entry.categories().stream().map(Enum::name).sorted().toList());
        entry.purpose().ifPresent(p -> json.put("purpose", p.code()));
        json.put("consents", entry.consents().stream().sorted().toList());
        json.put("decision", entry.decision().name());
        json.put("reason", entry.reason());
        json.put("requestId", entry.requestId());
        entry.subject().ifPresent(subject -> json.put("subject", subject));
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new BadStateException(ConsentPolicyError.CP_0105, "entry cannot be written as JSON", e);
        }
    }

    /** Reads a stored entry back; anything that does not parse is refused with a code, no contents. */
    public static AccessLogEntry parseEntry(String entryJson) {
        try {
            JsonNode json = JSON.readTree(entryJson);
            JsonNode actor = json.required("actor");
            TreeMap<String, Integer> counts = new TreeMap<>();
            json.required("resourceCounts").fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().intValue()));
            Set<DataCategory> categories = new HashSet<>();
            json.required("categories").forEach(c -> categories.add(DataCategory.valueOf(c.asText())));
            Set<String> consents = new HashSet<>();
            json.required("consents").forEach(c -> consents.add(c.asText()));
            return new AccessLogEntry(
                    new AccessActor(AccessActor.Kind.named(actor.required("kind").asText()), actor.required("id").asText(),
                            text(actor, "organisation"), text(actor, "client")),
                    text(json, "resident").map(ResidentId::parse),
                    AccessAction.valueOf(json.required("action").asText()), counts, categories,
                    text(json, "purpose").map(Purpose::new), consents,
                    AccessDecision.valueOf(json.required("decision").asText()),
                    json.required("reason").asText(), json.required("requestId").asText(), text(json, "subject"));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new BadStateException(ConsentPolicyError.CP_0106, "stored access-log entry is unreadable", e);
        }
    }

    public static String chained(long sequence, UUID entryId, Instant at, String entryJson) {
        return "{\"at\":\"" + time(at) + "\",\"entry\":" + entryJson + ",\"entryId\":\"" + entryId
                + "\",\"sequence\":" + sequence + "}";
    }

    public static String hash(String prevHash, long sequence, UUID entryId, Instant at, String entryJson) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(chained(sequence, entryId, at, entryJson).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** The canonical text of a time: UTC, six fraction digits. */
    public static String time(Instant at) {
        return TIME.format(at);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
