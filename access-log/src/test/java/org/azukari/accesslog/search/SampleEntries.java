package org.azukari.accesslog.search;

import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;

/** Access-log entries for tests, built from ids and codes only. */
final class SampleEntries {

    private SampleEntries() {
    }

    static AccessLogEntry read(ResidentId resident, String actorId, String organisation, String purpose,
                               AccessDecision decision) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        counts.put("Observation", 12);
        counts.put("Condition", 1);
        return new AccessLogEntry(
                new AccessActor("CLINIC_EMR", actorId, Optional.of(organisation), Optional.of("emr-client-1")),
                Optional.of(resident), AccessAction.READ, counts, Set.of(DataCategory.MEDICAL, DataCategory.PAYMENT),
                Optional.of(new Purpose(purpose)), decision == AccessDecision.PERMIT ? Set.of("consent-1", "consent-2") : Set.of(),
                decision, decision == AccessDecision.PERMIT ? "consent-permit" : "no-consent", "req-" + actorId);
    }

    static AccessLogEntry signIn() {
        return new AccessLogEntry(AccessActor.bank(), Optional.empty(), AccessAction.SIGN_IN, new TreeMap<>(), Set.of(),
                Optional.empty(), Set.of(), AccessDecision.PERMIT, "signed-in", "req-1");
    }
}
