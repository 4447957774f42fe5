package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.LoggedEntry;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a release does when the key vault fails after its access-log entry is written: the whole
 * answer is refused (503 FG-0707, so the edge sends no Bundle and issues no receipt), never a
 * Bundle quietly missing what could not be read, and the log says the request failed. The vault
 * is a switch around the real local key vault (a fixture of the seam); the real outage of the
 * vault seam is proven against OpenBao in trust-bank's {@code VaultOutageIT} and
 * {@code CustodyDuringVaultOutageIT}.
 */
class ReleaseFaultsTest {

    @TempDir
    Path directory;

    ReleaseWorld world;

    @BeforeEach
    void world() {
        world = new ReleaseWorld(directory);
    }

    @Test
    void everything_whenUp_includesTheCitedPractitionerOnce() {
        Bundle bundle = (Bundle) world.everything("req-up").body();

        assertThat(bundle.getEntry()).filteredOn(e -> e.getResource().fhirType().equals("Practitioner")).hasSize(1)
                .allSatisfy(e -> assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE));
    }

    @Test
    void everything_whenTheVaultFailsReadingACitedPractitioner_isRefusedWith503_andTheLogSaysItFailed() {
        world.everything("req-warm");
        world.vaultDownForTheDirectoryOnly();

        assertThatThrownBy(() -> world.everything("req-down")).isInstanceOfSatisfying(ReleaseRefusedException.class,
                refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.code()).isEqualTo("FG-0707");
                });
        List<LoggedEntry> entries = entriesOf("req-down");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).entry().decision()).isEqualTo(AccessDecision.PERMIT);
        assertThat(entries.get(0).entry().resourceCounts()).containsEntry("Observation", 1);
        assertThat(entries.get(1).entry().reason()).isEqualTo("release-failed");
        assertThat(entries.get(1).entry().resourceCounts()).isEmpty();
        assertThat(entries.get(1).entry().action()).isEqualTo(entries.get(0).entry().action());
    }

    @Test
    void search_whenTheVaultFailsReadingACitedPractitioner_isRefusedWith503_andTheLogSaysItFailed() {
        ReleaseQuery query = ReleaseQuery.parse("Observation", Map.of("patient", new String[] {world.pseudonym.value()}));
        world.release.search(world.caller("req-warm"), query, 0, offset -> "next", "https://bank.example/fhir");
        world.vaultDownForTheDirectoryOnly();

        assertThatThrownBy(() -> world.release.search(world.caller("req-down"), query, 0, offset -> "next",
                "https://bank.example/fhir")).isInstanceOfSatisfying(ReleaseRefusedException.class,
                refused -> assertThat(refused.status()).isEqualTo(503));
        assertThat(entriesOf("req-down")).extracting(e -> e.entry().reason()).endsWith("release-failed").hasSize(2);
    }

    @Test
    void whenTheVaultFailsDecryptingTheResidentsRecords_theEntryIsFollowedByAFailedOne() {
        world.vault.goDown();
        world.embedded.cache.forgetAll();

        assertThatThrownBy(() -> world.everything("req-cold")).isInstanceOf(ReleaseRefusedException.class);
        assertThat(entriesOf("req-cold")).extracting(e -> e.entry().reason()).containsExactly("consent-permit",
                "release-failed");
    }

    @Test
    void everything_writesOneEntry_namingThePatientAndTheRecords() {
        world.everything("req-one");

        assertThat(entriesOf("req-one")).hasSize(1).first().satisfies(e -> assertThat(e.entry().resourceCounts())
                .containsEntry("Patient", 1).containsEntry("Observation", 1));
    }

    @Test
    void aRecordWhoseContentHasNoId_isReleasedUnderTheBanksRecordId() {
        world.embedded.bank.store(world.resident, new org.azukari.trustbank.api.RecordToStore(
                new org.azukari.trustbank.api.RecordId("no-id-1"), new org.azukari.trustbank.api.ResourceType("Observation"),
                org.azukari.consent.api.DataCategory.MEDICAL, org.azukari.trustbank.api.RecordContent.ofUtf8(
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                        + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]}}")));

        Bundle bundle = (Bundle) world.everything("req-ids").body();

        assertThat(bundle.getEntry()).filteredOn(e -> e.getResource().fhirType().equals("Observation")).hasSize(2)
                .allSatisfy(e -> assertThat(e.getResource().getIdPart()).matches("[a-z2-7]{26}")
                        .isEqualTo(world.introductions.pseudonyms().recordId(ReleaseWorld.CLINIC, "Observation",
                                e.getResource().getIdPart().equals(idOf(world, "obs-1")) ? "obs-1" : "no-id-1")));
        assertThat(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle)).doesNotContain("no-id-1");
    }

    private static String idOf(ReleaseWorld world, String bankId) {
        return world.introductions.pseudonyms().recordId(ReleaseWorld.CLINIC, "Observation", bankId);
    }

    private List<LoggedEntry> entriesOf(String requestId) {
        return world.embedded.accessLog.entries().stream().filter(e -> e.entry().requestId().equals(requestId)).toList();
    }
}
