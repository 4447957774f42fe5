package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.PAYLOAD_TOO_LARGE;
import static org.azukari.fhir.ingest.IngestProblems.UNAVAILABLE;
import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.validation.InputValidator;
import org.azukari.fhir.validation.ValidationReport;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.api.InvalidRecordException;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.ResidentErasedException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * The ingest pipeline: validate, check every type may be taken in, match patients to residents,
 * resolve references ({@link IngestPlan}), recognise versions already held ({@link VersionDecisions}),
 * then in one database transaction encrypt and store through the trust bank, index, and record the
 * ingest in the access log ({@link CustodyStorage}). If any step fails nothing of the input stays
 * behind (a batch is that, per entry).
 */
public final class BankIngest implements Ingest {

    /** Where a source's own name for a stored resource is kept, inside the encrypted record. */
    public static final String SOURCE_URI_PREFIX = "urn:azukari:source:";

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final TrustBank bank;
    private final AccessLog accessLog;
    private final PeopleRegistry people;
    private final SourceIndex index;
    private final InputValidator validator;
    private final IngestTransactions transactions;
    private final IngestSettings settings;
    private final IngestTimings timings;
    private final EntryCategories categories;
    private final VersionDecisions versions;
    private final CustodyStorage storage;
    private final WrongResidentRefusals wrongResident;
    private final SourceWarnings sourceWarnings;

    public BankIngest(TrustBank bank, AccessLog accessLog, PeopleRegistry people, SourceIndex index,
                      InputValidator validator, DataClassifier classifier, SourceHashes hashes,
                      IngestTransactions transactions, IngestSettings settings, IngestTimings timings,
                      SourceWarnings sourceWarnings) {
        this.bank = bank;
        this.accessLog = accessLog;
        this.people = people;
        this.index = index;
        this.validator = validator;
        this.transactions = transactions;
        this.settings = settings;
        this.timings = timings;
        this.categories = new EntryCategories(classifier);
        this.versions = new VersionDecisions(index, hashes);
        this.storage = new CustodyStorage(fhir, bank, accessLog, index, settings, timings);
        this.wrongResident = new WrongResidentRefusals(accessLog, transactions);
        this.sourceWarnings = sourceWarnings;
    }

    @Override
    public IngestResult ingest(IngestSource source, Resource input, String requestId) {
        return ingest(source, input, requestId, List.of());
    }

    @Override
    public IngestResult ingest(IngestSource source, Resource input, String requestId, List<OperationOutcomeIssueComponent> parsed) {
        if (input instanceof Bundle bundle) {
            if (bundle.getEntry().size() > settings.maxEntries()) {
                throw refuse(PAYLOAD_TOO_LARGE, FhirGatewayError.FG_0202, IssueType.TOOCOSTLY, "a Bundle may hold at most "
                        + settings.maxEntries() + " entries; this one holds " + bundle.getEntry().size(), "Bundle.entry");
            }
            BundleType type = bundle.getType();
            if (type == BundleType.BATCH) {
                return batch(source, bundle, requestId, parsed);
            }
            if (type != BundleType.TRANSACTION && type != BundleType.DOCUMENT && type != BundleType.COLLECTION) {
                throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0203, IssueType.NOTSUPPORTED, "Bundle type "
                        + (type == null ? "(missing)" : type.toCode())
                        + " is not taken in; send a transaction, batch, document or collection", "Bundle.type");
            }
            return allOrNothing(source, bundle, BundleEntries.of(bundle, type), type == BundleType.TRANSACTION
                    ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE, requestId, parsed);
        }
        return allOrNothing(source, input, List.of(BundleEntries.single(input)), BundleType.TRANSACTIONRESPONSE,
                requestId, parsed);
    }

    private IngestResult batch(IngestSource source, Bundle bundle, String requestId, List<OperationOutcomeIssueComponent> parsed) {
        Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
        OperationOutcome warnings = new OperationOutcome();
        int created = 0;
        int unchanged = 0;
        List<Bundle.BundleEntryComponent> components = bundle.getEntry();
        for (int i = 0; i < components.size(); i++) {
            Bundle.BundleEntryComponent component = components.get(i);
            try {
                IngestEntry placed = BundleEntries.batchEntry(component, i);
                String at = "Bundle.entry[" + i + "]";
                IngestResult one = allOrNothing(source, component.getResource(), List.of(placed),
                        BundleType.BATCHRESPONSE, requestId, parsed.stream().filter(issue -> issue.getExpression()
                                .stream().anyMatch(e -> e.getValue().startsWith(at + "."))).toList());
                response.addEntry(one.response().getEntryFirstRep());
                warnings.getIssue().addAll(one.warnings().getIssue());
                created += one.created();
                unchanged += one.unchanged();
            } catch (IngestRefusedException refused) {
                if (refused.status() == UNAVAILABLE) {
                    throw refused;
                }
                IngestResponses.refused(response, refused);
            }
        }
        return new IngestResult(response, warnings, created, unchanged);
    }

    private IngestResult allOrNothing(IngestSource source, Resource validated, List<IngestEntry> entries,
                                      BundleType responseType, String requestId, List<OperationOutcomeIssueComponent> parsed) {
        OperationOutcome warnings = new OperationOutcome();
        parsed.forEach(issue -> warnings.addIssue(issue.copy()));
        ValidationReport report = timings.time(IngestTimings.Stage.VALIDATION,
                () -> validator.validate(validated, source.mode()));
        if (report.refused()) {
            throw new IngestRefusedException(UNPROCESSABLE, FhirGatewayError.FG_0401, report.outcome());
        }
        for (OperationOutcome.OperationOutcomeIssueComponent issue : report.outcome().getIssue()) {
            if (issue.getSeverity() == IssueSeverity.WARNING || issue.getSeverity() == IssueSeverity.ERROR) {
                warnings.addIssue(issue.copy().setSeverity(IssueSeverity.WARNING));
            }
        }
        try {
            StoragePlan plan = timings.time(IngestTimings.Stage.PLANNING, () -> plan(source, entries, warnings));
            // every custody the input touches, also those it only resends: an erased resident is refused
            for (Custody custody : plan.decisions().stream().map(EntryDecision::custody).distinct().toList()) {
                enrol(source, plan, custody, requestId);
            }
            Map<IngestEntry, StoredRecord> stored = timings.time(IngestTimings.Stage.STORAGE,
                    () -> inTransaction(() -> {
                        Map<IngestEntry, StoredRecord> records = storage.store(source, plan, requestId);
                        if (warnings.hasIssue()) {
                            sourceWarnings.add(source.organisation(), WarningTally.of(warnings, entries));
                        }
                        return records;
                    }));
            return IngestResponses.respond(plan, stored, responseType, warnings);
        } catch (IngestRefusedException refused) {
            wrongResident.record(source, entries, refused, requestId);
            throw refused;
        }
    }

    private StoragePlan plan(IngestSource source, List<IngestEntry> entries, OperationOutcome warnings) {
        Map<IngestEntry, DataCategory> categorised = new LinkedHashMap<>();
        for (IngestEntry entry : entries) {
            categorised.put(entry, categories.category(source.kind(), entry));
        }
        IngestPlan plan = new IngestPlan(fhir, source.organisation(), index, people, entries).resolve();
        Map<IngestEntry, EntryDecision> decisions = new LinkedHashMap<>();
        for (IngestEntry entry : entries) {
            decisions.put(entry, versions.decide(source, plan, entry, categorised.get(entry), warnings));
        }
        for (IngestEntry entry : entries) {
            BankIds.rewrite(source, plan, entry, decisions);
        }
        // One lock order for every ingest: store() locks each custody's keyring until commit (and the
        // access log's head last), so two ingests naming the same residents in other orders would deadlock.
        Set<Custody> custodies = new java.util.TreeSet<>(java.util.Comparator.comparing(c -> c.id().value()));
        decisions.values().stream().filter(EntryDecision::store).forEach(d -> custodies.add(d.custody()));
        return new StoragePlan(List.copyOf(decisions.values()), custodies);
    }

    private void enrol(IngestSource source, StoragePlan plan, Custody custody, String requestId) {
        try {
            bank.enrol(custody.id());
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            throw unavailable(FhirGatewayError.FG_0501, "the key vault is unavailable; nothing was stored, send it again later");
        } catch (ResidentErasedException e) {
            ErasedRefusals.record(accessLog, actor(source), custody,
                    plan.decisions().stream().filter(d -> d.custody().equals(custody))
                            .map(d -> new ErasedRefusals.Refused(d.entry().type(), d.category())).toList(),
                    source.organisation(), requestId);
            throw erased();
        }
    }

    private static IngestRefusedException erased() {
        return refuse(IngestProblems.CONFLICT, FhirGatewayError.FG_0315, IssueType.BUSINESSRULE,
                "this resident has erased their data from the bank; the bank takes in nothing more about them"
                        + " unless they enrol again; nothing was stored");
    }

    private <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.inOne(work);
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            throw unavailable(FhirGatewayError.FG_0501, "the key vault is unavailable; nothing was stored, send it again later");
        } catch (AccessLogUnavailableException e) {
            throw unavailable(FhirGatewayError.FG_0502, "the access log is unavailable; nothing was stored, send it again later");
        } catch (ResidentKeyDestroyedException | ResidentErasedException e) {
            // erased while this input was under way
            throw erased();
        } catch (InvalidRecordException e) {
            throw refuse(PAYLOAD_TOO_LARGE, FhirGatewayError.FG_0208, IssueType.TOOLONG,
                    "a resource is larger than the bank takes (" + RecordContent.MAX_LENGTH + " bytes)");
        }
    }

    private static IngestRefusedException unavailable(FhirGatewayError code, String diagnostics) {
        return refuse(UNAVAILABLE, code, IssueType.TRANSIENT, diagnostics);
    }

    static AccessActor actor(IngestSource source) {
        return source.client()
                .map(client -> new AccessActor(AccessActor.Kind.SOURCE_FEED, client.value(), Optional.of(source.organisation().value()),
                        Optional.of(client.value())))
                .orElseGet(() -> new AccessActor(AccessActor.Kind.SOURCE_PULL, source.organisation().value(),
                        Optional.of(source.organisation().value()), Optional.empty()));
    }
}
