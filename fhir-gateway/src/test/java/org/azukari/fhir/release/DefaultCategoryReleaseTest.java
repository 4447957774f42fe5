package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.StoredRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record of a type the classification table does not name (a Task) is stored under the default
 * category (MEDICAL/other from a hospital) and released or withheld by consent like any other:
 * a whole-MEDICAL consent releases it, a laboratory-only consent does not, and a never-share mark
 * on MEDICAL/other or on MEDICAL withholds it on $everything, search, and the dataset export's
 * filter ({@link DecisionFilter}, which the export asks before and after decrypting).
 */
class DefaultCategoryReleaseTest {

    static final ConsentCategory MEDICAL = ConsentCategory.all(DataCategory.MEDICAL);
    static final ConsentCategory LABORATORY = ConsentCategory.of(DataCategory.MEDICAL, "laboratory");
    static final ConsentCategory OTHER = ConsentCategory.of(DataCategory.MEDICAL, "other");

    @TempDir
    Path directory;

    ReleaseWorld world;

    @BeforeEach
    void aTaskBesideTheLab() {
        world = new ReleaseWorld(directory);
        world.embedded.bank.store(world.resident, new RecordToStore(new RecordId("task-1"), new ResourceType("Task"),
                DataCategory.MEDICAL, RecordContent.ofUtf8(task())));
    }

    static String task() {
        return "{\"resourceType\":\"Task\",\"id\":\"task-1\",\"status\":\"requested\",\"intent\":\"order\","
                + "\"for\":{\"reference\":\"Patient/pat-1\"},\"description\":\"home oxygen delivery\"}";
    }

    void decide(Set<ConsentCategory> permitted, Set<ConsentCategory> withheld) {
        world.decisions = question -> new ConsentDecisionPoint.Permit(permitted, withheld, List.of(),
                ConsentDecisionPoint.PermitReason.CONSENT);
    }

    List<String> everythingTypes(String requestId) {
        Bundle bundle = (Bundle) world.everything(requestId).body();
        return bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList();
    }

    int taskSearchTotal(String requestId) {
        ReleaseQuery query = ReleaseQuery.parse("Task", Map.of("patient", new String[] {world.pseudonym.value()}));
        Bundle bundle = (Bundle) world.release.search(world.caller(requestId), query, 0, offset -> "next",
                "https://bank.example/fhir").body();
        return bundle.getTotal();
    }

    @Test
    void aWholeMedicalConsent_releasesTheUnlistedType_onEverythingAndSearch() {
        decide(Set.of(MEDICAL), Set.of());

        assertThat(everythingTypes("req-1")).contains("Task", "Observation");
        assertThat(taskSearchTotal("req-2")).isEqualTo(1);
    }

    @Test
    void aLaboratoryOnlyConsent_withholdsTheUnlistedType() {
        decide(Set.of(LABORATORY), Set.of());

        assertThat(everythingTypes("req-3")).contains("Observation").doesNotContain("Task");
        assertThat(taskSearchTotal("req-4")).isZero();
    }

    @Test
    void aNeverShareMarkOnOtherOrOnMedical_withholdsTheUnlistedType_underAWholeMedicalConsent() {
        decide(Set.of(MEDICAL), Set.of(OTHER));
        assertThat(everythingTypes("req-5")).contains("Observation").doesNotContain("Task");
        assertThat(taskSearchTotal("req-6")).isZero();

        decide(Set.of(MEDICAL), Set.of(MEDICAL));
        assertThat(everythingTypes("req-7")).doesNotContain("Task", "Observation");
    }

    @Test
    void theExportsFilter_opensAndReleasesTheUnlistedType_onlyUnderAConsentThatCoversIt() {
        DecisionFilter filter = new DecisionFilter(DataClassifier.standard());
        StoredRecord record = new StoredRecord(world.resident, new RecordId("task-1"), RecordVersion.FIRST,
                new ResourceType("Task"), DataCategory.MEDICAL, Instant.now());
        Resource resource = new Task();

        assertThat(filter.openable(decision(Set.of(MEDICAL), Set.of()), record)).isTrue();
        assertThat(filter.released(decision(Set.of(MEDICAL), Set.of()), record, resource)).contains(OTHER);
        assertThat(filter.openable(decision(Set.of(OTHER), Set.of()), record)).isTrue();
        assertThat(filter.openable(decision(Set.of(LABORATORY), Set.of()), record)).isFalse();
        assertThat(filter.released(decision(Set.of(LABORATORY), Set.of()), record, resource)).isEmpty();
        assertThat(filter.openable(decision(Set.of(MEDICAL), Set.of(OTHER)), record)).isFalse();
        assertThat(filter.released(decision(Set.of(MEDICAL), Set.of(OTHER)), record, resource)).isEmpty();
    }

    static ConsentDecisionPoint.Decision decision(Set<ConsentCategory> permitted, Set<ConsentCategory> withheld) {
        return new ConsentDecisionPoint.Permit(permitted, withheld, List.of(), ConsentDecisionPoint.PermitReason.CONSENT);
    }
}
