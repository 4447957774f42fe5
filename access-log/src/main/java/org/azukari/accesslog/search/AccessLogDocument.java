package org.azukari.accesslog.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;

/**
 * One entry as an Elasticsearch document; field names are those of the index template
 * ({@link IndexTemplate}). Ids and codes only, like the entry itself. Reading a document back
 * goes through the API records' own validation, so a tampered or malformed document fails to
 * map instead of being shown. {@code at} keeps the full precision of the log's timestamp.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AccessLogDocument(
        @JsonProperty("sequence") long sequence,
        @JsonProperty("entry_id") String entryId,
        @JsonProperty("at") String at,
        @JsonProperty("hash") String hash,
        @JsonProperty("actor_kind") String actorKind,
        @JsonProperty("actor_id") String actorId,
        @JsonProperty("organisation") String organisation,
        @JsonProperty("client") String client,
        @JsonProperty("resident") String resident,
        @JsonProperty("action") String action,
        @JsonProperty("resource_types") List<String> resourceTypes,
        @JsonProperty("resource_counts") Map<String, Integer> resourceCounts,
        @JsonProperty("categories") List<String> categories,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("consents") List<String> consents,
        @JsonProperty("decision") String decision,
        @JsonProperty("reason") String reason,
        @JsonProperty("request_id") String requestId) {

    static AccessLogDocument of(LoggedEntry logged) {
        AccessLogEntry e = logged.entry();
        return new AccessLogDocument(logged.sequence(), logged.entryId().toString(), logged.at().toString(), logged.hash(),
                e.actor().kind(), e.actor().id(), e.actor().organisation().orElse(null), e.actor().client().orElse(null),
                e.resident().map(ResidentId::toString).orElse(null), e.action().name(),
                List.copyOf(e.resourceCounts().keySet()), new TreeMap<>(e.resourceCounts()),
                e.categories().stream().map(Enum::name).sorted().toList(),
                e.purpose().map(Purpose::code).orElse(null),
                e.consents().stream().sorted().toList(), e.decision().name(), e.reason(), e.requestId());
    }

    LoggedEntry toLoggedEntry() {
        AccessActor actor = new AccessActor(actorKind, actorId, Optional.ofNullable(organisation), Optional.ofNullable(client));
        Set<DataCategory> categorySet = categories == null ? Set.of()
                : categories.stream().map(DataCategory::valueOf).collect(Collectors.toUnmodifiableSet());
        AccessLogEntry entry = new AccessLogEntry(actor, Optional.ofNullable(resident).map(ResidentId::parse),
                AccessAction.valueOf(action), new TreeMap<>(resourceCounts == null ? Map.of() : resourceCounts), categorySet,
                Optional.ofNullable(purpose).map(Purpose::new), consents == null ? Set.of() : Set.copyOf(consents),
                AccessDecision.valueOf(decision), reason, requestId);
        return new LoggedEntry(sequence, UUID.fromString(entryId), Instant.parse(at), entry, hash);
    }

    @Override
    public String toString() {
        return "AccessLogDocument[sequence=" + sequence + ", entryId=" + entryId + "]";
    }
}
