package org.azukari.fhir.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One Bulk Data export of an approved dataset request, as its status URL reports it: progress in
 * residents, the files by resource type with their line counts once complete, how many residents
 * were included and how many residents k-anonymity suppressed, and how many records were left out
 * ({@code suppressedRecords}) and why ({@code suppressedByReason}: {@value #K_ANONYMITY} for the
 * records of suppressed residents, {@value #NO_CLINICAL_DATE} for approved items without a date
 * to place them in the request's period, {@value #UNREADABLE} for records whose stored content
 * cannot be parsed).
 */
public record ExportJob(String id, String request, String organisation, String client, List<String> types,
                        Status status, int residentsDone, int residentsTotal, int includedResidents,
                        int suppressedResidents, int suppressedRecords, Optional<String> errorCode, Instant createdAt,
                        Optional<Instant> completedAt, Instant expiresAt, SortedMap<String, Integer> outputs,
                        SortedMap<String, Integer> suppressedByReason) {

    public static final String K_ANONYMITY = "k-anonymity";
    public static final String NO_CLINICAL_DATE = "no-clinical-date";
    public static final String UNREADABLE = "unreadable";

    public enum Status { RUNNING, COMPLETE, FAILED, CANCELLED }

    public ExportJob {
        types = List.copyOf(types);
        outputs = new java.util.TreeMap<>(Map.copyOf(outputs));
        suppressedByReason = new java.util.TreeMap<>(Map.copyOf(suppressedByReason));
    }
}
