package org.azukari.fhir.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.azukari.consent.api.AccessCounts;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.export.DatasetExports.ExportCaller;
import org.azukari.fhir.export.DatasetExports.Services;
import org.azukari.fhir.export.deid.DeidentificationProfile;
import org.azukari.fhir.export.deid.DeidentifiedPerson;
import org.azukari.fhir.export.deid.Deidentifier;
import org.azukari.fhir.export.deid.KAnonymity;
import org.azukari.fhir.export.deid.KAnonymousCohort;
import org.azukari.fhir.export.deid.ServicePseudonym;
import org.azukari.fhir.export.deid.ServicePseudonyms;
import org.azukari.fhir.release.DecisionFilter;
import org.azukari.identity.api.OrganisationId;
import org.azukari.trustbank.api.StoredRecord;
import org.hl7.fhir.r4.model.Resource;

/**
 * One run of an export job:
 *
 * <ol>
 *   <li>the cohort: residents with a consent active now for the service's organisation and the
 *       request's purpose ({@code Consents#residentsConsentingTo}), still enrolled (an erased
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
 * suppressed ({@link ExportJob#K_ANONYMITY}), approved items without a clinical date, which
 * cannot be placed in the period ({@link ExportJob#NO_CLINICAL_DATE}), and records that cannot be
 * parsed ({@link ExportedRecords}). A cancellation is seen between residents and ends the run as
 * {@link Outcome.Cancelled}; the writers are closed either way.
 */
final class ExportRun {

    static final String PATIENT = DatasetExports.PATIENT;

    /** How a run ended, when it did not throw. */
    sealed interface Outcome {
        /** Every file closed: what was written and what was left out (records by reason). */
        record Finished(SortedMap<String, Integer> outputs, int included, int suppressedResidents,
                        SortedMap<String, Integer> suppressedRecords) implements Outcome {
        }

        /** The job was cancelled (or expired) while it ran: nothing of it is served. */
        record Cancelled() implements Outcome {
        }
    }

    /** One resident the first pass let through. */
    private record Examined(ResidentId resident, Decision decision, List<StoredRecord> candidates,
                            Optional<StoredRecord> patient) {
    }

    private final ExportJob job;
    private final Services services;
    private final ExportJobStore jobs;
    private final ExportFiles files;
    private final ServicePseudonyms pseudonyms;
    private final DecisionFilter filter;
    private final Clock clock;
    private final ExportedRecords records;

    ExportRun(ExportJob job, Services services, ExportJobStore jobs, ExportFiles files, ServicePseudonyms pseudonyms,
              DecisionFilter filter, Clock clock) {
        this.job = job;
        this.services = services;
        this.jobs = jobs;
        this.files = files;
        this.pseudonyms = pseudonyms;
        this.filter = filter;
        this.clock = clock;
        this.records = new ExportedRecords(services.bank(), job.id());
    }

    Outcome run() {
        DatasetRequest request = services.requests().find(new DatasetRequestId(job.request()))
                .filter(DatasetRequest::approved)
                .orElseThrow(() -> new BadStateException(FhirGatewayError.EX_0723, "the request is no longer approved"));
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
            if (cancelled()) {
                return new Outcome.Cancelled();
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
            logExport(request, resident, decision, candidates, patient);
            // only the Patient is read in this pass: enough for the quasi-identifiers
            screened.add(deidentifier.deidentify(service, resident, patient.flatMap(p -> records.quietly(resident, p))
                    .map(List::of).orElse(List.of())));
            examined.put(resident, new Examined(resident, decision, candidates, patient));
        }
        KAnonymousCohort anonymous = KAnonymity.enforce(screened, profile);
        Set<ServicePseudonym> kept = new HashSet<>();
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
                if (cancelled()) {
                    return new Outcome.Cancelled();
                }
                if (kept.contains(pseudonyms.pseudonym(service, person.resident()))) {
                    writePerson(items, deidentifier, service, person, writers, suppressed);
                }
                jobs.progress(job.id(), ++done, cohort.size());
            }
        } finally {
            writers.values().forEach(ExportFiles.LineWriter::close);
        }
        SortedMap<String, Integer> outputs = new TreeMap<>();
        writers.forEach((type, writer) -> outputs.put(type, (int) writer.lines()));
        return new Outcome.Finished(outputs, kept.size(), examined.size() - kept.size(), suppressed);
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

    private boolean cancelled() {
        return jobs.find(job.id()).map(j -> j.status() != ExportJob.Status.RUNNING).orElse(true);
    }

    /**
     * Writes one kept resident's approved items, counting in {@code suppressed} the approved items
     * without a clinical date and the records whose stored content cannot be parsed.
     */
    private void writePerson(ApprovedItems items, Deidentifier deidentifier, OrganisationId service, Examined person,
                             Map<String, ExportFiles.LineWriter> writers, SortedMap<String, Integer> suppressed) {
        ResidentId resident = person.resident();
        List<Resource> released = new ArrayList<>();
        Consumer<String> leftOut = reason -> suppressed.merge(reason, 1, Integer::sum);
        person.patient().flatMap(p -> records.readable(resident, p, leftOut)).ifPresent(released::add);
        for (StoredRecord record : person.candidates()) {
            Optional<Resource> resource = records.readable(resident, record, leftOut);
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
                writers.computeIfAbsent(out.fhirType(), type -> files.writer(job.id(), type))
                        .write(json.encodeResourceToString(out));
            }
        }
    }

    private void logExport(DatasetRequest request, ResidentId resident, Decision decision,
                           List<StoredRecord> candidates, Optional<StoredRecord> patient) {
        AccessCounts counts = AccessCounts.none();
        candidates.forEach(r -> counts.add(r.type().value(), r.category()));
        patient.ifPresent(p -> counts.add(PATIENT));
        Set<String> consents = new HashSet<>();
        decision.reliedOn().forEach(ref -> consents.add(ref.id()));
        services.accessLog().append(AccessLogEntry.export(new ExportCaller(job.organisation(), job.client()).actor(),
                resident, counts, Optional.of(request.spec().purpose()), consents, "dataset-export",
                job.request() + "." + job.id()));
    }
}
