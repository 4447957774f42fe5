package org.azukari.fhir.export.deid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.export.deid.DeidentificationProfile.QuasiIdentifier;

/**
 * Suppression of small groups: people are grouped by the quasi-identifiers the profile checks,
 * and everyone in a group of fewer than {@code k} people is left out with all their records.
 * One pass is enough, since leaving a whole group out changes no other group's size. The
 * counts go into the export manifest.
 */
public final class KAnonymity {

    private KAnonymity() {
    }

    public static KAnonymousCohort enforce(Collection<DeidentifiedPerson> people, DeidentificationProfile profile) {
        return enforce(people, profile.k(), profile.quasiIdentifiers());
    }

    public static KAnonymousCohort enforce(Collection<DeidentifiedPerson> people, int k,
            Set<QuasiIdentifier> checked) {
        if (k < DeidentificationProfile.MIN_K) {
            throw new BadInputException(FhirGatewayError.FG_0904, "k is at least " + DeidentificationProfile.MIN_K);
        }
        Map<List<String>, Integer> sizes = new HashMap<>();
        Set<ServicePseudonym> seen = new HashSet<>();
        for (DeidentifiedPerson person : people) {
            // A person counted twice would make a group look larger than it is.
            if (!seen.add(person.pseudonym())) {
                throw new BadInputException(FhirGatewayError.FG_0907, "a person appears twice in the cohort");
            }
            sizes.merge(person.quasiIdentifiers().key(checked), 1, Integer::sum);
        }
        List<DeidentifiedPerson> kept = new ArrayList<>();
        int suppressedPeople = 0;
        int suppressedRecords = 0;
        for (DeidentifiedPerson person : people) {
            if (sizes.get(person.quasiIdentifiers().key(checked)) >= k) {
                kept.add(person);
            } else {
                suppressedPeople++;
                suppressedRecords += person.resources().size();
            }
        }
        int groups = (int) sizes.values().stream().filter(size -> size >= k).count();
        return new KAnonymousCohort(kept, new KAnonymousCohort.Suppression(k, groups, suppressedPeople,
                suppressedRecords));
    }
}
