package org.azukari.fhir.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/** Where export jobs are recorded (no health data: ids, counts, statuses, times). */
public interface ExportJobStore {

    void create(ExportJob job);

    Optional<ExportJob> find(String id);

    void progress(String id, int done, int total);

    /**
     * Completes a RUNNING job; false if it is no longer running (cancelled meanwhile).
     *
     * @param suppressedRecords records left out, by reason; the job's {@code suppressedRecords} is their sum
     */
    boolean complete(String id, SortedMap<String, Integer> outputs, int included, int suppressedResidents,
                     SortedMap<String, Integer> suppressedRecords, Instant at);

    /** Ends a RUNNING job as FAILED or CANCELLED; false if it had already ended. */
    boolean end(String id, ExportJob.Status status, Optional<String> errorCode, Instant at);

    void delete(String id);

    /**
     * Every job still kept (a job is deleted with its files when they expire or it is cancelled), newest
     * first: {@code limit} (1..100) from {@code offset} (0..10 000). For the auditor: counts only.
     */
    List<ExportJob> newestFirst(int offset, int limit);

    /** Jobs still RUNNING, by id. */
    List<String> running();

    /** Jobs whose files expired before {@code at}. */
    List<String> expired(Instant at);
}
