package org.azukari.fhir.pull;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * How pulls run (from {@code azukari.gateway.pull.*}).
 *
 * @param interval the wait after a successful pull, and the scheduler's tick
 * @param overlap  subtracted from the high-water mark when asking for changes, against clock
 *                 granularity and writes committed late on the upstream side
 * @param lease    a claim older than this is taken as abandoned (a crashed node) and may be taken again
 * @param pageSize the {@code _count} asked for
 * @param maxPages a pull that pages further fails (FG-0616): a guard against a server that never stops
 * @param threads  the pull pool (pulls of different targets in parallel; one target never twice)
 * @param resourceTypes the types searched for changes, each by its {@code patient} search parameter
 */
public record PullPolicy(Duration interval, Backoff backoff, Duration overlap, Duration lease, int pageSize,
                         int maxPages, int threads, List<String> resourceTypes) {

    /** Patient-compartment types a personal health record holds; each has a {@code patient} search parameter in R4. */
    public static final List<String> DEFAULT_RESOURCE_TYPES = List.of("AllergyIntolerance", "CarePlan", "CareTeam",
            "Claim", "Condition", "Coverage", "DiagnosticReport", "DocumentReference", "Encounter",
            "ExplanationOfBenefit", "FamilyMemberHistory", "Goal", "ImagingStudy", "Immunization",
            "MedicationAdministration", "MedicationDispense", "MedicationRequest", "MedicationStatement",
            "Observation", "Procedure", "ServiceRequest", "Specimen");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    public PullPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(lease, "lease");
        if (interval.isNegative() || interval.isZero() || overlap.isNegative() || lease.isNegative() || lease.isZero()) {
            throw new BadInputException(FhirGatewayError.FG_0696, "pull interval and lease must be positive, the overlap not negative");
        }
        if (pageSize < 1 || pageSize > 1000 || maxPages < 1 || threads < 1 || threads > 4) {
            throw new BadInputException(FhirGatewayError.FG_0696, "page size 1..1000, max pages >= 1, threads 1..4");
        }
        resourceTypes = List.copyOf(Objects.requireNonNull(resourceTypes, "resource types"));
        if (resourceTypes.isEmpty() || !resourceTypes.stream().allMatch(type -> TYPE.matcher(type).matches())
                || resourceTypes.contains("Patient")) {
            throw new BadInputException(FhirGatewayError.FG_0696, "resource types: one or more FHIR type names, Patient excluded");
        }
    }
}
