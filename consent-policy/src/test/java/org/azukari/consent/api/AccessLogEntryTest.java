package org.azukari.consent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The named factories build exactly the entries the ten-argument constructor built at each call
 * site before them (so the hash chain's input is unchanged), and an entry is emergency under the
 * same reason codes as before the string set gave way to the enums (migration {@code V20_7}
 * backfilled that rule, so it must not move).
 */
class AccessLogEntryTest {

    private static final ResidentId RESIDENT = ResidentId.parse("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    private static final AccessActor EMR = new AccessActor(AccessActor.Kind.CLINIC_EMR, "clinic-7", Optional.of("org-3"),
            Optional.of("emr-1"));
    private static final AccessActor OPERATOR = new AccessActor(AccessActor.Kind.OPERATOR, "op-1", Optional.empty(), Optional.empty());
    private static final Purpose TREATMENT = new Purpose("treatment");

    private static AccessCounts opened() {
        return AccessCounts.none().add("Observation", DataCategory.MEDICAL).add("Condition", DataCategory.CARE)
                .add("Observation", DataCategory.MEDICAL).add("Patient");
    }

    private static TreeMap<String, Integer> counts() {
        return new TreeMap<>(Map.of("Condition", 1, "Observation", 2, "Patient", 1));
    }

    @Test
    void release_isTheEntryTheReleasePathBuiltPositionally() {
        assertThat(AccessLogEntry.release(EMR, RESIDENT, AccessAction.READ, opened(), TREATMENT, Set.of("consent-1"),
                AccessDecision.PERMIT, "consent-permit", "req-1")).isEqualTo(new AccessLogEntry(EMR,
                Optional.of(RESIDENT), AccessAction.READ, counts(), Set.of(DataCategory.MEDICAL, DataCategory.CARE),
                Optional.of(TREATMENT), Set.of("consent-1"), AccessDecision.PERMIT, "consent-permit", "req-1"));
        assertThat(AccessLogEntry.release(EMR, RESIDENT, AccessAction.READ, AccessCounts.none(), TREATMENT, Set.of(),
                AccessDecision.PERMIT, "share-code-exchanged", "req-2")).isEqualTo(new AccessLogEntry(EMR,
                Optional.of(RESIDENT), AccessAction.READ, new TreeMap<>(), Set.of(), Optional.of(TREATMENT), Set.of(),
                AccessDecision.PERMIT, "share-code-exchanged", "req-2"));
    }

    @Test
    void ingestAndExport_areTheEntriesTheirPathsBuiltPositionally() {
        assertThat(AccessLogEntry.ingest(EMR, Optional.of(RESIDENT), opened(), AccessDecision.DENY, "erased", "req-3"))
                .isEqualTo(new AccessLogEntry(EMR, Optional.of(RESIDENT), AccessAction.INGEST, counts(),
                        Set.of(DataCategory.MEDICAL, DataCategory.CARE), Optional.empty(), Set.of(),
                        AccessDecision.DENY, "erased", "req-3"));
        assertThat(AccessLogEntry.export(EMR, RESIDENT, opened(), Optional.of(TREATMENT), Set.of("c-1"),
                "dataset-export", "req-4")).isEqualTo(new AccessLogEntry(EMR, Optional.of(RESIDENT),
                AccessAction.EXPORT, counts(), Set.of(DataCategory.MEDICAL, DataCategory.CARE),
                Optional.of(TREATMENT), Set.of("c-1"), AccessDecision.PERMIT, "dataset-export", "req-4",
                Optional.empty()));
        assertThat(AccessLogEntry.notice(OPERATOR, RESIDENT, Set.of(DataCategory.MEDICAL), "breach-notified", "inc-1"))
                .isEqualTo(new AccessLogEntry(OPERATOR, Optional.of(RESIDENT), AccessAction.NOTICE, new TreeMap<>(),
                        Set.of(DataCategory.MEDICAL), Optional.empty(), Set.of(), AccessDecision.PERMIT,
                        "breach-notified", "inc-1"));
    }

    @Test
    void entriesUnderARequestIdOfTheirOwn_differFromThePositionalOnesInNothingElse() {
        AccessLogEntry change = AccessLogEntry.change(OPERATOR, Optional.of(RESIDENT), AccessAction.CONSENT_CHANGE,
                Set.of(DataCategory.CARE), Optional.of(TREATMENT), Set.of("c-2"), "consent-granted");
        assertThat(change).isEqualTo(new AccessLogEntry(OPERATOR, Optional.of(RESIDENT), AccessAction.CONSENT_CHANGE,
                new TreeMap<>(), Set.of(DataCategory.CARE), Optional.of(TREATMENT), Set.of("c-2"),
                AccessDecision.PERMIT, "consent-granted", change.requestId()));
        AccessLogEntry administration = AccessLogEntry.administration(OPERATOR, Optional.empty(),
                AccessAction.ACCOUNT_CHANGE, "account-disabled", Optional.of("acc-1"));
        assertThat(administration).isEqualTo(new AccessLogEntry(OPERATOR, Optional.empty(), AccessAction.ACCOUNT_CHANGE,
                new TreeMap<>(), Set.of(), Optional.empty(), Set.of(), AccessDecision.PERMIT, "account-disabled",
                administration.requestId(), Optional.of("acc-1")));
        AccessLogEntry event = AccessLogEntry.securityEvent(OPERATOR, Optional.empty(), AccessAction.SIGN_IN,
                AccessDecision.DENY, "id-0124");
        assertThat(event).isEqualTo(new AccessLogEntry(OPERATOR, Optional.empty(), AccessAction.SIGN_IN,
                new TreeMap<>(), Set.of(), Optional.empty(), Set.of(), AccessDecision.DENY, "id-0124", event.requestId()));
        AccessLogEntry erasure = AccessLogEntry.erasure(RESIDENT, AccessDecision.PERMIT, "erased");
        assertThat(erasure).isEqualTo(new AccessLogEntry(AccessActor.bank(), Optional.of(RESIDENT), AccessAction.ERASE,
                new TreeMap<>(), Set.of(), Optional.empty(), Set.of(), AccessDecision.PERMIT, "erased",
                erasure.requestId()));
        assertThat(List.of(change, administration, event, erasure)).extracting(AccessLogEntry::requestId)
                .doesNotHaveDuplicates();
    }

    @Test
    void emergency_underAnAction_thatIsNotEmergencyAccess_followsTheSameSevenReasonsAsBefore() {
        for (String reason : List.of("emergency-access", "consent-and-emergency-access", "emergency-access-reviewed",
                "emergency-role-granted", "emergency-role-already-held", "emergency-role-revoked",
                "emergency-role-not-held")) {
            assertThat(entry(AccessAction.READ, reason).emergency()).as(reason).isTrue();
        }
        for (String reason : List.of("consent-permit", "no-consent", "emergency-expired", "account-disabled")) {
            assertThat(entry(AccessAction.READ, reason).emergency()).as(reason).isFalse();
        }
        assertThat(entry(AccessAction.EMERGENCY_ACCESS, "anything").emergency()).isTrue();
        assertThat(AccessLogEntry.emergencyReasons()).containsExactly("consent-and-emergency-access",
                "emergency-access", "emergency-access-reviewed", "emergency-role-already-held",
                "emergency-role-granted", "emergency-role-not-held", "emergency-role-revoked");
    }

    @Test
    void emergencyOpening_isTheOpeningEntryOnly() {
        assertThat(entry(AccessAction.EMERGENCY_ACCESS, "emergency-access").emergencyOpening()).isTrue();
        assertThat(entry(AccessAction.EMERGENCY_ACCESS, "emergency-access-reviewed").emergencyOpening()).isFalse();
        assertThat(entry(AccessAction.READ, "emergency-access").emergencyOpening()).isFalse();
    }

    private static AccessLogEntry entry(AccessAction action, String reason) {
        return new AccessLogEntry(EMR, Optional.of(RESIDENT), action, new TreeMap<>(), Set.of(), Optional.empty(),
                Set.of(), AccessDecision.PERMIT, reason, "req-e");
    }
}
