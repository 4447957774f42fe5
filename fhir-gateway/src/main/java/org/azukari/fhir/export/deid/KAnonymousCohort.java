package org.azukari.fhir.export.deid;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * The people a dataset publishes after small groups were suppressed, and what the manifest says
 * about the suppression.
 */
public record KAnonymousCohort(List<DeidentifiedPerson> people, Suppression suppression) {

    public KAnonymousCohort {
        people = List.copyOf(people);
    }

    /**
     * For the manifest: the k applied, how many quasi-identifier groups were published, and how
     * many people and records (Patient included) were left out.
     */
    public record Suppression(int k, int publishedGroups, int suppressedPeople, int suppressedRecords) {
    }

    /** All published resources, person by person, the Patient first. */
    public List<Resource> resources() {
        return people.stream().flatMap(person -> person.resources().stream()).toList();
    }
}
