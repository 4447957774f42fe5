package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseQueryTest {

    static final String PATIENT = "a".repeat(26);

    static ReleaseQuery parse(String type, Map<String, String[]> extra) {
        Map<String, String[]> parameters = new java.util.TreeMap<>(extra);
        parameters.put("patient", new String[] {PATIENT});
        return ReleaseQuery.parse(type, parameters);
    }

    @Test
    void includeRevincludeHasAndElements_areParsed_andSurviveThePageToken() {
        ReleaseQuery query = parse("Observation", Map.of("_include", new String[] {"Observation:has-member"},
                "_revinclude", new String[] {"Condition:evidence-detail"},
                "_has:Observation:has-member:code", new String[] {"http://loinc.org|2345-7"},
                "_elements", new String[] {"code,status"}));

        ReleaseQuery again = ReleaseQuery.parseCanonical("Observation", query.canonical());

        assertThat(again).isEqualTo(query);
        assertThat(query.include()).singleElement().satisfies(p -> assertThat(p.param()).isEqualTo("has-member"));
        assertThat(query.has()).singleElement().satisfies(h -> assertThat(h.code()).hasSize(1));
        assertThat(query.elements()).containsExactly("code", "status");
        assertThat(query.relatedTypes(Set.of("Observation", "Condition", "Encounter")))
                .containsExactlyInAnyOrder("Observation", "Condition");
    }

    @Test
    void aWildcardInclude_mayNeedEveryReleasedType() {
        ReleaseQuery query = parse("Observation", Map.of("_include", new String[] {"*"}));

        assertThat(query.relatedTypes(Set.of("Observation", "Encounter"))).containsExactlyInAnyOrder("Observation", "Encounter");
    }

    @Test
    void shapesTheReleaseDoesNotServe_areBadRequests() {
        for (Map<String, String[]> bad : java.util.List.of(
                Map.of("_include", new String[] {"Condition:subject"}),
                Map.of("_include", new String[] {"Observation:code"}),
                Map.of("_include", new String[] {"Observation:subject:Organization"}),
                Map.of("_include:iterate", new String[] {"Observation:has-member"}),
                Map.of("_revinclude", new String[] {"Nonsense:subject"}),
                Map.of("_has:Observation:has-member:status", new String[] {"final"}),
                Map.of("_has:Observation", new String[] {"x"}),
                Map.of("_elements", new String[] {"valueQuantity.value"}),
                Map.of("_elements", new String[] {"nonsense"}),
                Map.<String, String[]>of("_sort", new String[] {"date"}))) {
            assertThatThrownBy(() -> parse("Observation", bad)).as(bad.keySet().toString())
                    .isInstanceOfSatisfying(ReleaseRefusedException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void everything_takesTypeSinceAndCount_andItsPageTokenIsBoundToThePatient() {
        RecipientPseudonym patient = new RecipientPseudonym(PATIENT);
        EverythingQuery query = EverythingQuery.parse(patient, Map.of("_type", new String[] {"Observation,Condition"},
                "_since", new String[] {"2024-01-01T00:00:00Z"}, "_count", new String[] {"10"}));

        assertThat(EverythingQuery.parseCanonical(patient, query.canonical())).isEqualTo(query);
        assertThat(query.wants("Condition")).isTrue();
        assertThat(query.wants("Encounter")).isFalse();
        assertThatThrownBy(() -> EverythingQuery.parseCanonical(new RecipientPseudonym("b".repeat(26)), query.canonical()))
                .isInstanceOf(ReleaseRefusedException.class);
        assertThatThrownBy(() -> EverythingQuery.parse(patient, Map.of("start", new String[] {"2024"})))
                .isInstanceOf(ReleaseRefusedException.class);
        assertThatThrownBy(() -> EverythingQuery.parse(patient, Map.of("_count", new String[] {"0"})))
                .isInstanceOf(ReleaseRefusedException.class);
    }
}
