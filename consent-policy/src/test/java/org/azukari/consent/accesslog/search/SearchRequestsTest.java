package org.azukari.consent.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.azukari.consent.api.AccessDecision;
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
        assertThat(body.at("/from").asInt()).isZero();
        assertThat(body.at("/size").asInt()).isEqualTo(100);
    }

    @Test
    void everyCriterion_becomesAnExactFilter_andTheTimeRangeIsHalfOpen() throws Exception {
        AccessLogQuery query = new AccessLogQuery(Optional.of(ResidentId.random()), Optional.of("doctor-7"),
                Optional.of("clinic-a"), Optional.of(new Purpose("treatment")),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.of(Instant.parse("2026-02-01T00:00:00.000001Z")),
                Optional.of(AccessDecision.DENY), 40, 20);

        JsonNode body = body(query);

        JsonNode filters = body.at("/query/bool/filter");
        assertThat(filters).hasSize(6);
        assertThat(filters.toString()).contains("\"actor_id\":{\"value\":\"doctor-7\"}")
                .contains("\"organisation\":{\"value\":\"clinic-a\"}").contains("\"purpose\":{\"value\":\"treatment\"}")
                .contains("\"decision\":{\"value\":\"DENY\"}");
        JsonNode range = filters.findValue("range").get("at");
        assertThat(range.get("gte").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(range.get("lt").asText()).isEqualTo("2026-02-01T00:00:00.000001Z");
        assertThat(range.has("lte")).isFalse();
        assertThat(body.at("/from").asInt()).isEqualTo(40);
        assertThat(body.at("/size").asInt()).isEqualTo(20);
        assertThat(body.toString()).doesNotContain("match").doesNotContain("query_string");
    }

    @Test
    void anOpenEndedRange_hasOnlyItsBound() throws Exception {
        AccessLogQuery query = new AccessLogQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Instant.parse("2026-02-01T00:00:00Z")), Optional.empty(), 0, 10);

        JsonNode range = body(query).at("/query/bool/filter/0/range/at");

        assertThat(range.has("gte")).isFalse();
        assertThat(range.get("lt").asText()).isEqualTo("2026-02-01T00:00:00Z");
    }

    @Test
    void aValueThatLooksLikeQuerySyntax_isMatchedLiterally() throws Exception {
        AccessLogQuery query = new AccessLogQuery(Optional.empty(), Optional.of("a*"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 10);

        assertThat(body(query).at("/query/bool/filter/0/term/actor_id/value").asText()).isEqualTo("a*");
    }

    @Test
    void aPageBeyondTheResultWindow_isRefusedBeforeItReachesTheIndex() {
        AccessLogQuery deep = new AccessLogQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 9_500, 501);

        assertThatThrownBy(() -> SearchRequests.of(names, deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CP-0156 ");
    }
}
