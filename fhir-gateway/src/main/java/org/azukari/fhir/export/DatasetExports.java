package org.azukari.fhir.export;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.ResidentId;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import org.azukari.fhir.export.deid.DeidentificationProfile;
import org.azukari.fhir.export.deid.DeidentifiedPerson;
import org.azukari.fhir.export.deid.Deidentifier;
import org.azukari.fhir.export.deid.KAnonymity;
import org.azukari.fhir.export.deid.KAnonymousCohort;
import org.azukari.fhir.export.deid.ServicePseudonym;
import org.azukari.fhir.export.deid.ServicePseudonyms;
import org.azukari.fhir.ingest.DataClassifier;
import org.azukari.fhir.release.DecisionFilter;
import org.azukari.fhir.release.ReleaseRefusedException;
import org.azukari.identity.api.OrganisationId;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk Data exports of approved dataset requests. A kick-off records a job and runs it on the
 * export executor:
 *
 * <ol>
 *   <li>the cohort: residents with a consent active now for the service's organisation and the
 *       request's purpose ({@link Consents#residentsConsentingTo}), still enrolled (an erased
 *       resident is not);</li>
 *   <li>first pass, resident by resident: the consent decision for the request's categories; if
 *       it permits, <b>one access-log entry</b> ({@code EXPORT}, reason {@code dataset-export},
 *       request id {@code <dataset request>.<job>}) before anything of theirs is decrypted; then
 *       only their Patient, for the quasi-identifiers;</li>
 *   <li>k-anonymity: everyone in a quasi-identifier group smaller than k is left out;</li>
 *   <li>second pass, resident by resident: the approved items (type, code, within the period:
 *       {@link ApprovedItems}) whose classification the decision releases — never what a
 *       never-share mark covers ({@code Decision.releases}) — de-identified, appended to sealed
 *       NDJSON files ({@link ExportFiles}); one resident at a time, never the whole dataset.</li>
 * </ol>
 *
 * What is left out is counted, by reason, for the manifest: the records of residents k-anonymity
 * suppressed ({@link ExportJob#K_ANONYMITY}) and approved items without a clinical date, which
 * cannot be placed in the period ({@link ExportJob#NO_CLINICAL_DATE}).
 *
 * A cancellation is seen between residents; a failure (the access log, the consents or the
 * vault unavailable, the export storage full or read-only) ends the job as FAILED. Either way the
 * job's files are removed; a job is COMPLETE, and its files served, only once every file is closed.
 */
public final class DatasetExports {

    private static final Logger log = LoggerFactory.getLogger(DatasetExports.class);
    /** A stored record left out of an export because its content cannot be parsed (application log only). */
    static final String UNREADABLE_RECORD = "EX-0731";
    public static final String PATIENT = "Patient";
    /** The export storage (a full or read-only disk) cannot be written. */
    static final String STORAGE = "EX-0725";

    /** Who kicked off: the wellness service's organisation and client. */
    public record ExportCaller(String organisation, String client) {
        AccessActor actor() {
            return new AccessActor("WELLNESS_SERVICE", client, Optional.of(organisation), Optional.of(client));
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
                .orElseThrow(() -> new ReleaseRefusedException(404, "EX-0711", "no such dataset request"));
        if (!request.approved()) {
            throw new ReleaseRefusedException(409, "EX-0712", "the dataset request is not approved; nothing is exported");
        }
        Set<String> approved = new TreeSet<>();
        request.spec().items().forEach(item -> approved.add(item.resourceType()));
        approved.add(PATIENT);
        if (!approved.containsAll(types)) {
            throw new ReleaseRefusedException(400, "EX-0713", "_type names a type the request was not approved for");
        }
        Set<String> exported = types.isEmpty() ? approved : new TreeSet<>(types);
        Instant now = clock.instant();
        String jobId = UUID.randomUUID().toString();
        try {
            files.claim(jobId);
        } catch (UncheckedIOException e) {
            log.warn("{} export storage cannot be written: {}", STORAGE, e.getCause().getClass().getSimpleName());
            throw new ReleaseRefusedException(503, STORAGE, "the export storage cannot be written; nothing was started");
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

    private static ReleaseRefusedException notFound() {
        return new ReleaseRefusedException(404, "EX-0714", "no such export");
    }

    /** One resident the first pass let through. */
    private record Examined(ResidentId resident, Decision decision, List<StoredRecord> candidates,
                            Optional<StoredRecord> patient) {
    }

    /** Runs the job; {@code ended} runs once its work is over, before its status says so. */
    void run(String jobId, Runnable ended) {
        ExportJob job = jobs.find(jobId).orElse(null);
        if (job == null) {
            ended.run();
            return;
        }
        try {
            Result result;
            try {
                result = export(job);
            } finally {
                // whoever sees the job ended may start the organisation's next export at once
                ended.run();
            }
            if (result == null || !jobs.complete(jobId, result.outputs(), result.included(),
                    result.suppressedResidents(), result.suppressedRecords(), clock.instant())) {
                files.delete(jobId);
            }
        } catch (AccessLogUnavailableException e) {
            fail(jobId, "EX-0721", e);
        } catch (ConsentUnavailableException e) {
            fail(jobId, "EX-0722", e);
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            fail(jobId, "EX-0726", e);
        } catch (UncheckedIOException e) {
            fail(jobId, STORAGE, e);
        } catch (RuntimeException e) {
            fail(jobId, "EX-0729", e);
        }
    }

    /** What a finished export wrote and left out (records by reason). */
    private record Result(SortedMap<String, Integer> outputs, int included, int suppressedResidents,
                          SortedMap<String, Integer> suppressedRecords) {
    }

    /** Ends the job first: storage that cannot be written may not let its files be removed either. */
    private void fail(String jobId, String code, RuntimeException e) {
        log.warn("{} export {} failed: {}", code, jobId, e.getClass().getSimpleName());
        try {
            end(jobId, code);
        } catch (RuntimeException databaseDown) {
            unrecorded.remember(jobId, code);
            log.warn("{} export {}: its failure is recorded at the next status request ({})", code, jobId,
                    databaseDown.getClass().getSimpleName());
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

    private boolean cancelled(String jobId) {
        return jobs.find(jobId).map(j -> j.status() != ExportJob.Status.RUNNING).orElse(true);
    }

    /** What was written, or null if the job was cancelled meanwhile. */
    private Result export(ExportJob job) {
        DatasetRequest request = services.requests().find(new DatasetRequestId(job.request()))
                .filter(DatasetRequest::approved)
                .orElseThrow(() -> new IllegalStateException("EX-0723 the request is no longer approved"));
        Instant now = clock.instant();
        OrganisationId service = new OrganisationId(job.organisation());
        DeidentificationProfile profile = profile(request.spec().deidentification());
        Deidentifier deidentifier = new Deidentifier(profile, pseudonyms, LocalDate.ofInstant(now, ZoneOffset.UTC));
        List<ResidentId> cohort = services.consents().residentsConsentingTo(job.organisation(),
                request.spec().purpose(), now).stream().filter(services.bank()::isEnrolled).toList();
        jobs.progress(job.id(), 0, cohort.size());

        Map<ResidentId, Examined> examined = new LinkedHashMap<>();
        List<DeidentifiedPerson> screened = new ArrayList<>();
        for (ResidentId resident : cohort) {
            if (cancelled(job.id())) {
                return null;
            }
            Decision decision = services.decisions().decide(new ConsentDecisionPoint.Question(request.recipient(),
                    request.spec().purpose(), resident, request.spec().categories(), now));
            if (!decision.permit()) {
                continue;
            }
            List<StoredRecord> all = services.bank().list(resident);
            List<StoredRecord> candidates = all.stream().filter(r -> job.types().contains(r.type().value())
                    && !r.type().value().equals(PATIENT) && filter.openable(decision, r)).toList();
            Optional<StoredRecord> patient = all.stream().filter(r -> r.type().value().equals(PATIENT))
                    .max(Comparator.comparing(StoredRecord::storedAt));
            logExport(job, request, resident, decision, candidates, patient);
            // only the Patient is read in this pass: enough for the quasi-identifiers
            screened.add(deidentifier.deidentify(service, resident, patient.flatMap(p -> decrypt(resident, p))
                    .map(List::of).orElse(List.of())));
            examined.put(resident, new Examined(resident, decision, candidates, patient));
        }
        KAnonymousCohort anonymous = KAnonymity.enforce(screened, profile);
        Set<ServicePseudonym> kept = new java.util.HashSet<>();
        anonymous.people().forEach(person -> kept.add(person.pseudonym()));
        int suppressedRecords = examined.values().stream()
                .filter(e -> !kept.contains(pseudonyms.pseudonym(service, e.resident())))
                .mapToInt(e -> e.candidates().size() + (e.patient().isPresent() ? 1 : 0)).sum();

        SortedMap<String, Integer> suppressed = new TreeMap<>();
        if (suppressedRecords > 0) {
            suppressed.put(ExportJob.K_ANONYMITY, suppressedRecords);
        }
        ApprovedItems items = new ApprovedItems(request);
        Map<String, ExportFiles.LineWriter> writers = new TreeMap<>();
        try {
            int done = 0;
            for (Examined person : examined.values()) {
                if (cancelled(job.id())) {
                    return null;
                }
                if (kept.contains(pseudonyms.pseudonym(service, person.resident()))) {
                    writePerson(job, items, deidentifier, service, person, writers, suppressed);
                }
                jobs.progress(job.id(), ++done, cohort.size());
            }
        } finally {
            writers.values().forEach(ExportFiles.LineWriter::close);
        }
        SortedMap<String, Integer> outputs = new TreeMap<>();
        writers.forEach((type, writer) -> outputs.put(type, (int) writer.lines()));
        return new Result(outputs, kept.size(), examined.size() - kept.size(), suppressed);
    }

    /** The request's de-identification as the library's profile (top age band 90+; shift up to 182 days). */
    static DeidentificationProfile profile(Deidentification asked) {
        DeidentificationProfile.DateHandling dates = switch (asked.dates()) {
            case SHIFT -> DeidentificationProfile.DateHandling.SHIFT;
            case MONTH -> DeidentificationProfile.DateHandling.GENERALISE_MONTH;
            case YEAR -> DeidentificationProfile.DateHandling.GENERALISE_YEAR;
        };
        DeidentificationProfile profile = DeidentificationProfile.defaults().withDates(dates)
                .withAgeBands(asked.ageBandYears(), 90).withK(asked.k());
        if (asked.location() == Deidentification.LocationLevel.NONE) {
            profile = profile.withQuasiIdentifiers(Set.of(DeidentificationProfile.QuasiIdentifier.AGE_BAND,
                    DeidentificationProfile.QuasiIdentifier.GENDER))
                    .withLocation(DeidentificationProfile.LocationGeneralisation.DROP);
        }
        return profile;
    }

    /**
     * Writes one kept resident's approved items, counting in {@code suppressed} the approved items
     * without a clinical date and the records whose stored content cannot be parsed.
     */
    private void writePerson(ExportJob job, ApprovedItems items, Deidentifier deidentifier, OrganisationId service,
                             Examined person, Map<String, ExportFiles.LineWriter> writers,
                             SortedMap<String, Integer> suppressed) {
        ResidentId resident = person.resident();
        List<Resource> released = new ArrayList<>();
        Consumer<String> leftOut = reason -> suppressed.merge(reason, 1, Integer::sum);
        person.patient().flatMap(p -> readable(job, resident, p, leftOut)).ifPresent(released::add);
        for (StoredRecord record : person.candidates()) {
            Optional<Resource> resource = readable(job, resident, record, leftOut);
            if (resource.isEmpty() || filter.released(person.decision(), record, resource.get()).isEmpty()) {
                continue;
            }
            switch (items.of(resource.get())) {
                case TAKEN -> released.add(resource.get());
                case NO_CLINICAL_DATE -> leftOut.accept(ExportJob.NO_CLINICAL_DATE);
                case NOT_ASKED_FOR -> { }
            }
        }
        IParser json = FhirContext.forR4Cached().newJsonParser();
        for (Resource out : deidentifier.deidentify(service, resident, released).resources()) {
            if (job.types().contains(out.fhirType())) {
                writer(job, out.fhirType(), writers).write(json.encodeResourceToString(out));
            }
        }
    }

    private ExportFiles.LineWriter writer(ExportJob job, String type, Map<String, ExportFiles.LineWriter> writers) {
        return writers.computeIfAbsent(type, t -> files.writer(job.id(), t));
    }

    private void logExport(ExportJob job, DatasetRequest request, ResidentId resident, Decision decision,
                           List<StoredRecord> candidates, Optional<StoredRecord> patient) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        Set<DataCategory> categories = java.util.EnumSet.noneOf(DataCategory.class);
        candidates.forEach(r -> {
            counts.merge(r.type().value(), 1, Integer::sum);
            categories.add(r.category());
        });
        patient.ifPresent(p -> counts.merge(PATIENT, 1, Integer::sum));
        Set<String> consents = new java.util.HashSet<>();
        decision.reliedOn().forEach(ref -> consents.add(ref.id()));
        services.accessLog().append(new AccessLogEntry(new ExportCaller(job.organisation(), job.client()).actor(),
                Optional.of(resident), AccessAction.EXPORT, counts, categories, Optional.of(request.spec().purpose()),
                consents, AccessDecision.PERMIT, "dataset-export", job.request() + "." + job.id()));
    }

    /**
     * Decrypts and parses one record, or empty when it is gone or its stored content cannot be parsed:
     * such a record is left out of the file, counted as {@value ExportJob#UNREADABLE} and named to the
     * operator by its bank record id and {@value #UNREADABLE_RECORD} (never its content, never the
     * parser's message, which may quote it) — one bad record never fails a whole cohort's export.
     * A key-vault or database fault is not caught here: it fails the export as before.
     */
    private Optional<Resource> readable(ExportJob job, ResidentId resident, StoredRecord record,
                                        Consumer<String> leftOut) {
        Optional<String> content = decrypted(resident, record);
        Optional<Resource> parsed = content.flatMap(DatasetExports::parse);
        if (content.isPresent() && parsed.isEmpty()) {
            log.warn("{} export {}: stored record {} could not be parsed; left out", UNREADABLE_RECORD, job.id(),
                    record.id().value());
            leftOut.accept(ExportJob.UNREADABLE);
        }
        return parsed;
    }

    /** The quasi-identifier pass: a Patient that cannot be parsed gives none (the second pass reports it). */
    private Optional<Resource> decrypt(ResidentId resident, StoredRecord record) {
        return decrypted(resident, record).flatMap(DatasetExports::parse);
    }

    private Optional<String> decrypted(ResidentId resident, StoredRecord record) {
        try {
            return Optional.of(services.bank().read(resident, record.id()).content().plaintextUtf8());
        } catch (RecordNotFoundException gone) {
            return Optional.empty();
        }
    }

    private static Optional<Resource> parse(String content) {
        try {
            return Optional.of((Resource) FhirContext.forR4Cached().newJsonParser().parseResource(content));
        } catch (RuntimeException refused) { // only the parser runs here: the vault was read before
            return Optional.empty();
        }
    }
}
