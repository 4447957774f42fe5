package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.ingest.IngestPlan.Target;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whose custody each resource goes into, once Patients are matched and references resolved.
 * Patients have theirs already. Directory types go to the source's directory. Everything else
 * goes to the resident its patient references lead to (directly, or through the entries it
 * references or that reference it); with a single resident in the input, to them. A resource
 * that names two residents (FG-0311), an unknown patient by identifier (FG-0310), or no telling
 * whose it is (FG-0312) refuses the input.
 */
final class CustodyAssignment {

    private final OrganisationId source;
    private final List<IngestEntry> entries;
    private final Map<Reference, Target> targets;
    private final Map<IngestEntry, Custody> custody;
    private final Function<Resource, List<Reference>> references;
    private final ReferenceResolution resolution;
    private final Map<IngestEntry, Set<ResidentId>> patientLinks = new HashMap<>();
    private final Map<Reference, IngestEntry> owners = new IdentityHashMap<>();

    CustodyAssignment(OrganisationId source, List<IngestEntry> entries, Map<Reference, Target> targets,
                      Map<IngestEntry, Custody> custody, Function<Resource, List<Reference>> references,
                      ReferenceResolution resolution) {
        this.source = source;
        this.entries = entries;
        this.targets = targets;
        this.custody = custody;
        this.references = references;
        this.resolution = resolution;
    }

    void assign() {
        for (IngestEntry entry : entries) {
            if (isDirectory(entry)) {
                custody.put(entry, Custody.directoryOf(source));
            }
        }
        Set<ResidentId> residents = new LinkedHashSet<>();
        for (IngestEntry entry : entries) {
            if (!custody.containsKey(entry)) {
                patientLinks.put(entry, directResidents(entry));
            }
            Custody assigned = custody.get(entry);
            if (assigned != null && !assigned.directory()) {
                residents.add(assigned.id());
            }
        }
        patientLinks.values().forEach(residents::addAll);
        for (IngestEntry entry : entries) {
            if (custody.containsKey(entry)) {
                continue;
            }
            Set<ResidentId> linked = patientLinks.get(entry);
            if (linked.size() > 1) {
                throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0311, IssueType.BUSINESSRULE,
                        "one resource refers to more than one patient", entry.expression());
            }
            if (linked.size() == 1) {
                custody.put(entry, Custody.resident(linked.iterator().next()));
            }
        }
        inherit();
        for (IngestEntry entry : entries) {
            if (!custody.containsKey(entry)) {
                resolution.unmatchedLogical(entry).ifPresent(unmatched -> {
                    throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0310, IssueType.NOTFOUND, "unknown patient: no enrolled resident is"
                            + " linked to " + String.join(", ", unmatched)
                            + " for this source; nothing of the input was stored", entry.expression());
                });
            }
        }
        for (IngestEntry entry : entries) {
            if (!custody.containsKey(entry)) {
                if (residents.size() != 1) {
                    throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0312, IssueType.BUSINESSRULE, residents.isEmpty()
                            ? "this resource refers to no patient, and the input names none"
                            : "cannot tell which of the input's patients this resource belongs to", entry.expression());
                }
                custody.put(entry, Custody.resident(residents.iterator().next()));
            }
        }
    }

    private void inherit() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (IngestEntry entry : entries) {
                if (!custody.containsKey(entry)) {
                    Optional<Custody> inherited = inheritedCustody(entry);
                    if (inherited.isPresent()) {
                        custody.put(entry, inherited.get());
                        progress = true;
                    }
                }
            }
        }
    }

    private boolean isDirectory(IngestEntry entry) {
        if (IngestPlan.DIRECTORY_TYPES.contains(entry.type())) {
            return true;
        }
        return entry.type().equals("Device") && references.apply(entry.resource()).stream()
                .noneMatch(this::pointsAtPatient);
    }

    private Set<ResidentId> directResidents(IngestEntry entry) {
        Set<ResidentId> found = new LinkedHashSet<>(resolution.logicalPatients(entry));
        for (Reference reference : references.apply(entry.resource())) {
            Target target = targets.get(reference);
            if (target instanceof Target.ToEntry toEntry && toEntry.entry().resource() instanceof Patient) {
                found.add(custody.get(toEntry.entry()).id());
            } else if (target instanceof Target.ToIndexed indexed && indexed.type().equals("Patient")
                    && !indexed.record().custody().directory()) {
                found.add(indexed.record().custody().id());
            }
        }
        return found;
    }

    private boolean pointsAtPatient(Reference reference) {
        Target target = targets.get(reference);
        return target instanceof Target.ToEntry toEntry && toEntry.entry().resource() instanceof Patient
                || target instanceof Target.ToIndexed indexed && indexed.type().equals("Patient");
    }

    private Optional<Custody> inheritedCustody(IngestEntry entry) {
        for (Reference reference : references.apply(entry.resource())) {
            Target target = targets.get(reference);
            if (target instanceof Target.ToEntry toEntry) {
                Custody other = custody.get(toEntry.entry());
                if (other != null && !other.directory()) {
                    return Optional.of(other);
                }
            } else if (target instanceof Target.ToIndexed indexed && !indexed.record().custody().directory()) {
                return Optional.of(indexed.record().custody());
            }
        }
        for (Map.Entry<Reference, Target> pointer : targets.entrySet()) {
            if (pointer.getValue() instanceof Target.ToEntry toEntry && toEntry.entry() == entry) {
                IngestEntry from = owner(pointer.getKey());
                Custody other = from == null ? null : custody.get(from);
                if (other != null && !other.directory()) {
                    return Optional.of(other);
                }
            }
        }
        return Optional.empty();
    }

    private IngestEntry owner(Reference reference) {
        if (owners.isEmpty()) {
            for (IngestEntry entry : entries) {
                for (Reference own : references.apply(entry.resource())) {
                    owners.put(own, entry);
                }
            }
        }
        return owners.get(reference);
    }
}
