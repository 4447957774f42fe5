package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;

class SearchRequestsTest {

    private final IndexNames names = new IndexNames("azukari-access-log");

    private JsonNode body(AccessLogQuery query) throws Exception {
        return new ObjectMapper().readTree(JsonpUtils.toJsonString(SearchRequests.of(names, query), new JacksonJsonpMapper()));
    }

    @Test
    void forResident_filtersByResidentOnly_newestFirst() throws Exception {
        ResidentId resident = new ResidentId(UUID.fromString("7d444840-9dc0-11d1-b245-5ffdce74fad2"));

        JsonNode body = body(AccessLogQuery.forResident(resident));

        assertThat(body.at("/query/bool/filter")).hasSize(1);
        assertThat(body.at("/query/bool/filter/0/term/resident/value").asText()).isEqualTo(resident.toString());
        assertThat(body.at("/sort/0/sequence/order").asText()).isEqualTo("desc");
        assertThat(body.has("from")).isFalse();
        assertThat(body.has("search_after")).isFalse();
        assertThat(body.at("/size").asInt()).isEqualTo(100);
    }

    @Test
    void everyCriterion_becomesAnExactFilter_andTheTimeRangeIsHalfOpen() throws Exception {
        AccessLogQuery query = AccessLogQuery.builder().resident(ResidentId.random()).actorId("doctor-7")
                .organisation("clinic-a").client("emr-1").purpose(new Purpose("treatment"))
                .from(Instant.parse("2026-01-01T00:00:00Z")).to(Instant.parse("2026-02-01T00:00:00.000001Z"))
                .actions(Set.of(AccessAction.SEARCH, AccessAction.READ)).decision(AccessDecision.DENY)
                .requestId("req-9").before(4711).limit(20).build();

        JsonNode body = body(query);

        JsonNode filters = body.at("/query/bool/filter");
        assertThat(filters).hasSize(9);
        assertThat(filters.toString()).contains("\"actor_id\":{\"value\":\"doctor-7\"}")
                .contains("\"organisation\":{\"value\":\"clinic-a\"}").contains("\"purpose\":{\"value\":\"treatment\"}")
                .contains("\"decision\":{\"value\":\"DENY\"}").contains("\"client\":{\"value\":\"emr-1\"}")
                .contains("\"request_id\":{\"value\":\"req-9\"}").contains("\"action\":[\"READ\",\"SEARCH\"]");
        JsonNode range = filters.findValue("range").get("at");
        assertThat(range.get("gte").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(range.get("lt").asText()).isEqualTo("2026-02-01T00:00:00.000001Z");
        assertThat(range.has("lte")).isFalse();
        assertThat(body.has("from")).isFalse();
        assertThat(body.at("/search_after/0").asLong()).isEqualTo(4711L);
        assertThat(body.at("/size").asInt()).isEqualTo(20);
        assertThat(body.toString()).doesNotContain("match").doesNotContain("query_string");
    }

    @Test
    void anOpenEndedRange_hasOnlyItsBound() throws Exception {
        AccessLogQuery query = AccessLogQuery.builder().to(Instant.parse("2026-02-01T00:00:00Z")).limit(10).build();

        JsonNode range = body(query).at("/query/bool/filter/0/range/at");

        assertThat(range.has("gte")).isFalse();
        assertThat(range.get("lt").asText()).isEqualTo("2026-02-01T00:00:00Z");
    }

    @Test
    void aValueThatLooksLikeQuerySyntax_isMatchedLiterally() throws Exception {
        AccessLogQuery query = AccessLogQuery.builder().actorId("a*").limit(10).build();

        assertThat(body(query).at("/query/bool/filter/0/term/actor_id/value").asText()).isEqualTo("a*");
    }

    @Test
    void emergency_isTheEntrysOwnRule_overActionAndReason_soOlderDocumentsMatchIt() throws Exception {
        JsonNode only = body(AccessLogQuery.builder().emergency(true).build()).at("/query/bool/filter/0/bool");
        JsonNode none = body(AccessLogQuery.builder().emergency(false).build()).at("/query/bool/filter/0/bool/must_not/0/bool");

        for (JsonNode rule : List.of(only, none)) {
            assertThat(rule.at("/minimum_should_match").asText()).isEqualTo("1");
            assertThat(rule.at("/should/0/term/action/value").asText()).isEqualTo("EMERGENCY_ACCESS");
            List<String> reasons = new ArrayList<>();
            rule.at("/should/1/terms/reason").forEach(r -> reasons.add(r.asText()));
            assertThat(reasons).containsExactlyInAnyOrderElementsOf(AccessLogEntry.EMERGENCY_REASONS);
        }
    }

    @Test
    void aPageBeyondTenThousand_isASearchAfterTheCursor_notAnOffset() throws Exception {
        JsonNode body = body(AccessLogQuery.builder().before(20_001).limit(1000).build());

        assertThat(body.has("from")).isFalse();
        assertThat(body.at("/search_after/0").asLong()).isEqualTo(20_001L);
    }

    @Test
    void aCursorBelowOne_isRefused() {
        assertThatThrownBy(() -> AccessLogQuery.builder().before(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CP-0120 ");
    }
}
