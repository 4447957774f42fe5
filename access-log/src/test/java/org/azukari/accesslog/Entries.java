package org.azukari.accesslog;

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

/** Sample entries: a clinic reading a resident's records, permitted or denied. */
public final class Entries {

    private Entries() {
    }

    public static AccessLogEntry read(ResidentId resident, int n) {
        return read(resident, n, AccessDecision.PERMIT);
    }

    public static AccessLogEntry read(ResidentId resident, int n, AccessDecision decision) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        counts.put("Observation", n);
        counts.put("Condition", 1);
        return new AccessLogEntry(
                new AccessActor("CLINIC_EMR", "clinic-7", Optional.of("org-3"), Optional.of("emr-1")),
                Optional.of(resident), AccessAction.READ, counts, Set.of(DataCategory.MEDICAL, DataCategory.CARE),
                Optional.of(new Purpose("treatment")), Set.of("consent-2", "consent-1"), decision,
                decision == AccessDecision.PERMIT ? "consent-permit" : "no-consent", "req-" + n);
    }
}
