package org.azukari.fhir.export;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, the exports this instance was running when it stopped (killed, crashed, switched
 * off): nothing will finish them, so each is ended as FAILED ({@code EX-0724}, the status answers
 * 503 and the service kicks it off again) and its partial files are removed, never served. A job
 * is this instance's when its directory is on this instance's disk ({@link ExportFiles#claim});
 * another instance's running jobs are left alone.
 */
public final class InterruptedExports {

    public static final String CODE = "EX-0724";
    private static final Logger log = LoggerFactory.getLogger(InterruptedExports.class);

    private final ExportJobStore jobs;
    private final ExportFiles files;
    private final Clock clock;

    public InterruptedExports(ExportJobStore jobs, ExportFiles files, Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.clock = clock;
    }

    /** Fails this instance's jobs left RUNNING by its stop; answers how many. */
    public int failAll() {
        int failed = 0;
        for (String job : jobs.running()) {
            if (files.holds(job) && jobs.end(job, ExportJob.Status.FAILED, Optional.of(CODE), clock.instant())) {
                failed++;
                try {
                    files.delete(job);
                } catch (UncheckedIOException e) {
                    log.warn("EX-0707 the files of interrupted export {} could not be removed; they are never served", job);
                }
            }
        }
        if (failed > 0) {
            log.warn("{} {} exports were running when the bank stopped: failed, their files removed", CODE, failed);
        }
        return failed;
    }
}
