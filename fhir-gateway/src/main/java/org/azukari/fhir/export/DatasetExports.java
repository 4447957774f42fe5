package org.azukari.fhir.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.export.deid.ServicePseudonyms;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.release.DecisionFilter;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.TrustBank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk Data exports of approved dataset requests, as jobs: a kick-off checks the request and
 * records a job, then runs it ({@link ExportRun}) on the export executor; status, cancellation,
 * download and expiry. A failure (the access log, the consents or the vault unavailable, the
 * export storage full or read-only) ends the job as FAILED, with its cause chain in the
 * application log; a cancelled or failed job's files are removed; a job is COMPLETE, and its
 * files served, only once every file is closed.
 */
public final class DatasetExports {

    private static final Logger log = LoggerFactory.getLogger(DatasetExports.class);
    public static final String PATIENT = "Patient";
    /** The export storage (a full or read-only disk) cannot be written. */
    static final FhirGatewayError STORAGE = FhirGatewayError.EX_0725;

    /** Who kicked off: the wellness service's organisation and client. */
    public record ExportCaller(String organisation, String client) {
        AccessActor actor() {
            return new AccessActor(AccessActor.Kind.WELLNESS_SERVICE, client, Optional.of(organisation), Optional.of(client));
        }
    }

    /** Everything a job needs besides its own row. */
    public record Services(DatasetRequests requests, Consents consents, ConsentDecisionPoint decisions,
                           AccessLog accessLog, TrustBank bank, DataClassifier classifier) {
    }

    private final Services services;
    private final ExportJobStore jobs;
    private final ExportFiles files;
    private final ServicePseudonyms pseudonyms;
    private final Executor executor;
    private final Clock clock;
    private final Duration fileLifetime;
    private final DecisionFilter filter;
    private final UnrecordedFailures unrecorded = new UnrecordedFailures();

    public DatasetExports(Services services, ExportJobStore jobs, ExportFiles files, ServicePseudonyms pseudonyms,
                          Executor executor, Clock clock, Duration fileLifetime) {
        this.services = services;
        this.jobs = jobs;
        this.files = files;
        this.pseudonyms = pseudonyms;
        this.executor = executor;
        this.clock = clock;
        this.fileLifetime = fileLifetime;
        this.filter = new DecisionFilter(services.classifier());
    }

    /** Starts an export of the caller's approved request; {@code types} narrows the item types (empty: all). */
    public ExportJob kickOff(ExportCaller caller, DatasetRequestId id, Set<String> types) {
        return kickOff(caller, id, types, () -> { });
    }

    /**
     * As {@link #kickOff(ExportCaller, DatasetRequestId, Set)}; {@code ended} runs once the job's
     * work is over (before its status says so), or at once if it was never started: how an
     * admission permit is given back. It may run more than once and must do its work once.
     */
    public ExportJob kickOff(ExportCaller caller, DatasetRequestId id, Set<String> types, Runnable ended) {
        boolean started = false;
        try {
            ExportJob job = start(caller, id, types, ended);
            started = true;
            return job;
        } finally {
            if (!started) {
                ended.run();
            }
        }
    }

    private ExportJob start(ExportCaller caller, DatasetRequestId id, Set<String> types, Runnable ended) {
        DatasetRequest request = services.requests().find(id)
                .filter(r -> r.recipient().organisation().equals(caller.organisation()))
                .orElseThrow(() -> new ExportRefusedException(404, FhirGatewayError.EX_0711, "no such dataset request"));
        if (!request.approved()) {
            throw new ExportRefusedException(409, FhirGatewayError.EX_0712, "the dataset request is not approved; nothing is exported");
        }
        Set<String> approved = new TreeSet<>();
        request.spec().items().forEach(item -> approved.add(item.resourceType()));
        approved.add(PATIENT);
        if (!approved.containsAll(types)) {
            throw new ExportRefusedException(400, FhirGatewayError.EX_0713, "_type names a type the request was not approved for");
        }
        Set<String> exported = types.isEmpty() ? approved : new TreeSet<>(types);
        Instant now = clock.instant();
        String jobId = UUID.randomUUID().toString();
        try {
            files.claim(jobId);
        } catch (UncheckedIOException e) {
            log.warn("{} export storage cannot be written: {}", STORAGE.code(), e.getCause().getClass().getSimpleName());
            throw new ExportRefusedException(503, FhirGatewayError.EX_0725, "the export storage cannot be written; nothing was started");
        }
        ExportJob job = new ExportJob(jobId, id.value(), caller.organisation(), caller.client(),
                List.copyOf(exported), ExportJob.Status.RUNNING, 0, 0, 0, 0, 0, Optional.empty(), now, Optional.empty(),
                now.plus(fileLifetime), new TreeMap<>(), new TreeMap<>());
        jobs.create(job);
        executor.execute(() -> {
            try {
                run(job.id(), ended);
            } finally {
                ended.run();
            }
        });
        return job;
    }

    /** The caller's job; another client's, an expired or an unknown one is the same 404. */
    public ExportJob status(ExportCaller caller, String jobId) {
        sweep();
        ExportJob job = own(caller, jobId);
        if (job.status() == ExportJob.Status.RUNNING && unrecorded.recordWith(jobId, code -> end(jobId, code)).isPresent()) {
            return own(caller, jobId);
        }
        return job;
    }

    /** {@code DELETE} on the status URL: a running job stops between residents; files are removed either way. */
    public void cancel(ExportCaller caller, String jobId) {
        ExportJob job = own(caller, jobId);
        jobs.end(job.id(), ExportJob.Status.CANCELLED, Optional.empty(), clock.instant());
        files.delete(job.id());
        jobs.delete(job.id());
    }

    /** Streams one file of a complete job, decrypted, to {@code out}. */
    public void download(ExportCaller caller, String jobId, String type, OutputStream out) throws IOException {
        ExportJob job = own(caller, jobId);
        if (job.status() != ExportJob.Status.COMPLETE || !job.outputs().containsKey(type) || !files.exists(job.id(), type)) {
            throw notFound();
        }
        files.copyTo(job.id(), type, out);
    }

    /** Removes the files and rows of jobs past their expiry. */
    public void sweep() {
        for (String expired : jobs.expired(clock.instant())) {
            jobs.end(expired, ExportJob.Status.CANCELLED, Optional.empty(), clock.instant());
            files.delete(expired);
            jobs.delete(expired);
        }
    }

    private ExportJob own(ExportCaller caller, String jobId) {
        if (jobId == null || !jobId.matches("[a-f0-9-]{36}")) {
            throw notFound();
        }
        return jobs.find(jobId).filter(j -> j.client().equals(caller.client()))
                .filter(j -> j.expiresAt().isAfter(clock.instant())).orElseThrow(DatasetExports::notFound);
    }

    private static ExportRefusedException notFound() {
        return ExportRefusedException.noSuchExport();
    }

    /** Runs the job; {@code ended} runs once its work is over, before its status says so. */
    void run(String jobId, Runnable ended) {
        Optional<ExportJob> job = jobs.find(jobId);
        if (job.isEmpty()) {
            ended.run();
            return;
        }
        try {
            ExportRun.Outcome outcome;
            try {
                outcome = new ExportRun(job.get(), services, jobs, files, pseudonyms, filter, clock).run();
            } finally {
                // whoever sees the job ended may start the organisation's next export at once
                ended.run();
            }
            if (!(outcome instanceof ExportRun.Outcome.Finished done) || !jobs.complete(jobId, done.outputs(),
                    done.included(), done.suppressedResidents(), done.suppressedRecords(), clock.instant())) {
                files.delete(jobId);
            }
        } catch (AccessLogUnavailableException e) {
            fail(jobId, FhirGatewayError.EX_0721, e);
        } catch (ConsentUnavailableException e) {
            fail(jobId, FhirGatewayError.EX_0722, e);
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            fail(jobId, FhirGatewayError.EX_0726, e);
        } catch (UncheckedIOException e) {
            fail(jobId, STORAGE, e);
        } catch (RuntimeException e) {
            fail(jobId, FhirGatewayError.EX_0729, e);
        }
    }

    /** Ends the job first: storage that cannot be written may not let its files be removed either. */
    private void fail(String jobId, FhirGatewayError failure, RuntimeException e) {
        String code = failure.code(); // stored on the job as is and shown to its client
        log.warn("{} export {} failed: {}", code, jobId, FailureCauses.describe(e));
        try {
            end(jobId, code);
        } catch (RuntimeException databaseDown) {
            unrecorded.remember(jobId, code);
            log.warn("{} export {}: its failure is recorded at the next status request ({})", code, jobId,
                    FailureCauses.describe(databaseDown));
        }
        try {
            files.delete(jobId);
        } catch (UncheckedIOException left) {
            log.warn("EX-0707 the files of failed export {} could not be removed; they are sealed and never served", jobId);
        }
    }

    private void end(String jobId, String code) {
        jobs.end(jobId, ExportJob.Status.FAILED, Optional.of(code), clock.instant());
    }
}
