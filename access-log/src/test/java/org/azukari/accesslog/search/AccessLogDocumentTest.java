package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.accesslog.testing.InMemoryAccessLogOutbox;
import org.junit.jupiter.api.Test;

class AccessLogDocumentTest {

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final InMemoryAccessLogOutbox outbox = new InMemoryAccessLogOutbox();

    @Test
    void document_ofAFullEntry_mapsBackToTheSameEntry() throws Exception {
        LoggedEntry logged = outbox.append(SampleEntries.read(ResidentId.random(), "doctor-7", "clinic-a", "treatment",
                AccessDecision.PERMIT), Instant.parse("2026-11-26T15:02:13.123456Z"));

        AccessLogDocument document = json.readValue(json.writeValueAsString(AccessLogDocument.of(logged)),
                AccessLogDocument.class);

        assertThat(document.toLoggedEntry()).isEqualTo(logged);
        assertThat(document.at()).as("microseconds kept").isEqualTo("2026-11-26T15:02:13.123456Z");
    }

    @Test
    void document_ofAnEntryWithoutResidentOrPurpose_leavesThoseFieldsOut() throws Exception {
        LoggedEntry logged = outbox.append(SampleEntries.signIn());

        JsonNode tree = json.readTree(json.writeValueAsString(AccessLogDocument.of(logged)));

        assertThat(tree.has("resident")).isFalse();
        assertThat(tree.has("purpose")).isFalse();
        assertThat(tree.has("organisation")).isFalse();
        assertThat(json.treeToValue(tree, AccessLogDocument.class).toLoggedEntry()).isEqualTo(logged);
    }

    @Test
    void everyDocumentField_isMappedInTheTemplate_andNothingIsText() throws Exception {
        LoggedEntry logged = outbox.append(SampleEntries.read(ResidentId.random(), "doctor-7", "clinic-a", "treatment",
                AccessDecision.PERMIT));
        JsonNode document = json.readTree(json.writeValueAsString(AccessLogDocument.of(logged)));
        JsonNode template = json.readTree(IndexTemplate.json(new IndexNames("azukari-access-log")));
        JsonNode mappings = template.at("/template/mappings");

        Set<String> fields = new HashSet<>();
        document.fieldNames().forEachRemaining(fields::add);
        Set<String> mapped = new HashSet<>();
        mappings.get("properties").fieldNames().forEachRemaining(mapped::add);
        assertThat(mapped).isEqualTo(fields);
        assertThat(mappings.get("dynamic").asText()).isEqualTo("strict");
        for (Iterator<JsonNode> it = mappings.get("properties").elements(); it.hasNext(); ) {
            assertThat(it.next().get("type").asText()).isIn("keyword", "long", "date_nanos", "object");
        }
        assertThat(template.at("/index_patterns/0").asText()).isEqualTo("azukari-access-log-*");
        assertThat(template.at("/template/aliases").has("azukari-access-log")).isTrue();
    }

    @Test
    void templateJson_isAcceptedByTheClientsRequestModel() {
        var request = co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest.of(t -> t.name("x")
                .withJson(new java.io.StringReader(IndexTemplate.json(new IndexNames("p")))));

        String serialized = JsonpUtils.toJsonString(request, new JacksonJsonpMapper());

        assertThat(serialized).contains("\"dynamic\":\"strict\"").contains("\"p-*\"");
    }

    @Test
    void aTamperedDocument_failsToMap_insteadOfShowingSomethingMalformed() throws Exception {
        LoggedEntry logged = outbox.append(SampleEntries.read(ResidentId.random(), "doctor-7", "clinic-a", "treatment",
                AccessDecision.PERMIT));
        String text = json.writeValueAsString(AccessLogDocument.of(logged));

        AccessLogDocument badResident = json.readValue(text.replace(logged.entry().resident().orElseThrow().toString(),
                "Taro Yamada"), AccessLogDocument.class);
        AccessLogDocument badSequence = json.readValue(text.replace("\"sequence\":1", "\"sequence\":0"),
                AccessLogDocument.class);

        assertThatThrownBy(badResident::toLoggedEntry).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(badSequence::toLoggedEntry).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.readValue(text.replace("{", "{\"name\":\"Taro\","), AccessLogDocument.class))
                .as("unknown field").isInstanceOf(Exception.class);
    }

    @Test
    void toString_showsIdsOnly() {
        LoggedEntry logged = outbox.append(SampleEntries.read(ResidentId.random(), "doctor-7", "clinic-a", "treatment",
                AccessDecision.PERMIT));

        assertThat(AccessLogDocument.of(logged).toString()).doesNotContain(logged.entry().resident().orElseThrow().toString())
                .contains(logged.entryId().toString());
    }
}
