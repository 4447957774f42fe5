package org.azukari.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    private static final ResidentId RESIDENT = ResidentId.parse("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-26T15:02:13.1Z");

    @Test
    void entryJson_sortsKeysAndSets_andLeavesOutAbsentOptionals() {
        assertThat(CanonicalForm.entryJson(Entries.read(RESIDENT, 12))).isEqualTo(
                "{\"action\":\"READ\",\"actor\":{\"client\":\"emr-1\",\"id\":\"clinic-7\",\"kind\":\"CLINIC_EMR\","
                + "\"organisation\":\"org-3\"},\"categories\":[\"CARE\",\"MEDICAL\"],\"consents\":[\"consent-1\","
                + "\"consent-2\"],\"decision\":\"PERMIT\",\"purpose\":\"treatment\",\"reason\":\"consent-permit\","
                + "\"requestId\":\"req-12\",\"resident\":\"6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b\","
                + "\"resourceCounts\":{\"Condition\":1,\"Observation\":12}}");
        AccessLogEntry bank = new AccessLogEntry(AccessActor.bank(), Optional.empty(), AccessAction.ERASE, new TreeMap<>(),
                Set.of(), Optional.empty(), Set.of(), AccessDecision.PERMIT, "retention-drop", "retention-2015");
        assertThat(CanonicalForm.entryJson(bank)).isEqualTo("{\"action\":\"ERASE\",\"actor\":{\"id\":\"system\","
                + "\"kind\":\"BANK\"},\"categories\":[],\"consents\":[],\"decision\":\"PERMIT\",\"reason\":\"retention-drop\","
                + "\"requestId\":\"retention-2015\",\"resourceCounts\":{}}");
    }

    @Test
    void entryJson_isTheSameWhateverTheSetOrder() {
        AccessLogEntry one = Entries.read(RESIDENT, 1);
        AccessLogEntry reordered = new AccessLogEntry(one.actor(), one.resident(), one.action(), one.resourceCounts(),
                Set.of(DataCategory.CARE, DataCategory.MEDICAL), one.purpose(), Set.of("consent-1", "consent-2"),
                one.decision(), one.reason(), one.requestId());
        assertThat(CanonicalForm.entryJson(reordered)).isEqualTo(CanonicalForm.entryJson(one));
    }

    @Test
    void parseEntry_readsBackWhatWasWritten() {
        AccessLogEntry entry = Entries.read(RESIDENT, 3, AccessDecision.DENY);
        assertThat(CanonicalForm.parseEntry(CanonicalForm.entryJson(entry))).isEqualTo(entry);
    }

    @Test
    void anOperatorsEntryAboutAPractitioner_carriesTheSubject_andReadsBack() {
        AccessLogEntry granted = new AccessLogEntry(new AccessActor("OPERATOR", "op-1", Optional.empty(),
                Optional.empty()), Optional.empty(), AccessAction.EMERGENCY_ACCESS, new TreeMap<>(), Set.of(),
                Optional.empty(), Set.of(), AccessDecision.PERMIT, "emergency-role-granted", "req-1",
                Optional.of("doc-7"));

        assertThat(CanonicalForm.entryJson(granted)).contains("\"subject\":\"doc-7\"");
        assertThat(CanonicalForm.parseEntry(CanonicalForm.entryJson(granted))).isEqualTo(granted);
        assertThat(granted.emergency()).isTrue();
        assertThat(Entries.read(RESIDENT, 1).emergency()).isFalse();
        assertThatThrownBy(() -> new AccessLogEntry(granted.actor(), Optional.empty(), granted.action(),
                new TreeMap<>(), Set.of(), Optional.empty(), Set.of(), AccessDecision.PERMIT, "emergency-role-granted",
                "req-1", Optional.of("Dr. Yamada"))).hasMessageStartingWith("CP-0103");
    }

    @Test
    void parseEntry_ofMalformedJson_failsWithACodeAndNoContents() {
        assertThatThrownBy(() -> CanonicalForm.parseEntry("{\"actor\":{\"kind\":\"x\"},\"secret\":\"Taro\"}"))
                .hasMessage("CP-0106 stored access-log entry is unreadable");
    }

    @Test
    void chained_writesTimeWithSixFractionDigitsInUtc() {
        assertThat(CanonicalForm.chained(42, ID, AT, "{}")).isEqualTo(
                "{\"at\":\"2026-11-26T15:02:13.100000Z\",\"entry\":{},\"entryId\":\"00000000-0000-4000-8000-000000000001\","
                + "\"sequence\":42}");
    }

    @Test
    void hash_isStable_andDependsOnEveryPart() {
        String json = CanonicalForm.entryJson(Entries.read(RESIDENT, 12));
        String hash = CanonicalForm.hash(CanonicalForm.GENESIS, 1, ID, AT, json);
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(CanonicalForm.hash(CanonicalForm.GENESIS, 1, ID, AT, json));
        assertThat(CanonicalForm.hash(CanonicalForm.GENESIS, 2, ID, AT, json)).isNotEqualTo(hash);
        assertThat(CanonicalForm.hash("1" + CanonicalForm.GENESIS.substring(1), 1, ID, AT, json)).isNotEqualTo(hash);
        assertThat(CanonicalForm.hash(CanonicalForm.GENESIS, 1, ID, AT.plusNanos(1000), json)).isNotEqualTo(hash);
        assertThat(CanonicalForm.hash(CanonicalForm.GENESIS, 1, ID, AT, json.replace("PERMIT", "DENY"))).isNotEqualTo(hash);
    }
}
