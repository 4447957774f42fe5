package org.azukari.fhir.export;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which people a dataset leaves out so that every combination of quasi-identifiers it shows
 * (age band, gender, generalised location) is shared by at least {@code k} people: everyone in
 * a smaller group is suppressed, with all their records.
 */
public final class KAnonymity {

    private KAnonymity() {
    }

    /** The keys (people) to suppress. */
    public static <P> Set<P> suppressed(Map<P, Deidentifier.QuasiIdentifier> people, int k) {
        Map<Deidentifier.QuasiIdentifier, Integer> sizes = new HashMap<>();
        people.values().forEach(qi -> sizes.merge(qi, 1, Integer::sum));
        return people.entrySet().stream().filter(e -> sizes.get(e.getValue()) < k).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
