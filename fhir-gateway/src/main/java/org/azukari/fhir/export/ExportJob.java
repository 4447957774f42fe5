package org.azukari.fhir.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One Bulk Data export of an approved dataset request, as its status URL reports it: progress in
 * residents, the files by resource type with their line counts once complete, how many residents
 * were included and how many residents and records k-anonymity suppressed.
 */
public record ExportJob(String id, String request, String organisation, String client, List<String> types,
                        Status status, int residentsDone, int residentsTotal, int includedResidents,
                        int suppressedResidents, int suppressedRecords, Optional<String> errorCode, Instant createdAt,
                        Optional<Instant> completedAt, Instant expiresAt, SortedMap<String, Integer> outputs) {

    public enum Status { RUNNING, COMPLETE, FAILED, CANCELLED }

    public ExportJob {
        types = List.copyOf(types);
        outputs = new java.util.TreeMap<>(Map.copyOf(outputs));
    }
}
