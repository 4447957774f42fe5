package org.azukari.fhir.export.deid;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * One person's part of a dataset: the service's pseudonym, the quasi-identifiers the k check
 * groups by, the de-identified resources (the reduced Patient first) and how many released
 * resources were left out because their type is not exported or they carry a modifier extension.
 */
public record DeidentifiedPerson(ServicePseudonym pseudonym, QuasiIdentifiers quasiIdentifiers,
        List<Resource> resources, int leftOut) {

    public DeidentifiedPerson {
        Objects.requireNonNull(pseudonym, "pseudonym");
        Objects.requireNonNull(quasiIdentifiers, "quasiIdentifiers");
        resources = List.copyOf(resources);
    }

    @Override
    public String toString() {
        return "DeidentifiedPerson[" + pseudonym + ", " + resources.size() + " resources, " + leftOut + " left out]";
    }
}
