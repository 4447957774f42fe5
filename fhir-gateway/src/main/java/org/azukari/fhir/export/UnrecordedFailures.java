package org.azukari.fhir.export;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Export failures the job store could not take when they happened — the database itself went
 * away under the job, so its row still says {@code RUNNING}. Kept in memory until a status
 * request records them, so that a client polling after the database is back is told the export
 * failed (503 with its code) instead of "still running" for good.
 */
final class UnrecordedFailures {

    private final Map<String, String> codes = new ConcurrentHashMap<>();

    void remember(String jobId, String code) {
        codes.put(jobId, code);
    }

    /** The failure code of the job, if one is waiting to be recorded; forgotten once {@code record} succeeds. */
    Optional<String> recordWith(String jobId, Consumer<String> record) {
        String code = codes.get(jobId);
        if (code == null) {
            return Optional.empty();
        }
        record.accept(code);
        codes.remove(jobId, code);
        return Optional.of(code);
    }
}
