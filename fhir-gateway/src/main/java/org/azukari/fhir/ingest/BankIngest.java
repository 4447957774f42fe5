package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.BAD_REQUEST;
import static org.azukari.fhir.ingest.IngestProblems.PAYLOAD_TOO_LARGE;
import static org.azukari.fhir.ingest.IngestProblems.UNAVAILABLE;
import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.ingest.IngestPlan.Target;
import org.azukari.fhir.validation.InputValidator;
import org.azukari.fhir.validation.ValidationReport;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.api.InvalidRecordException;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResidentErasedException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The ingest pipeline: validate, check every type may be taken in, match patients to residents,
 * resolve references, recognise versions already held, then in one database transaction
 * encrypt and store through the trust bank, index, and record the ingest in the access log.
 * If any step fails nothing of the input stays behind (a batch is that, per entry).
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
    private final DataClassifier classifier;
    private final SourceHashes hashes;
    private final IngestTransactions transactions;
    private final IngestSettings settings;
    private final IngestTimings timings;
    private final WrongResidentRefusals wrongResident;

    public BankIngest(TrustBank bank, AccessLog accessLog, PeopleRegistry people, SourceIndex index,
                      InputValidator validator, DataClassifier classifier, SourceHashes hashes,
                      IngestTransactions transactions, IngestSettings settings, IngestTimings timings) {
        this.bank = bank;
        this.accessLog = accessLog;
        this.people = people;
        this.index = index;
        this.validator = validator;
        this.classifier = classifier;
        this.hashes = hashes;
        this.transactions = transactions;
        this.settings = settings;
        this.timings = timings;
        this.wrongResident = new WrongResidentRefusals(accessLog, transactions);
    }

    @Override
    public IngestResult ingest(IngestSource source, Resource input, String requestId) {
        if (input instanceof Bundle bundle) {
            if (bundle.getEntry().size() > settings.maxEntries()) {
                throw refuse(PAYLOAD_TOO_LARGE, "FG-0202", IssueType.TOOCOSTLY, "a Bundle may hold at most "
                        + settings.maxEntries() + " entries; this one holds " + bundle.getEntry().size(), "Bundle.entry");
            }
            BundleType type = bundle.getType();
            if (type == BundleType.BATCH) {
                return batch(source, bundle, requestId);
            }
            if (type != BundleType.TRANSACTION && type != BundleType.DOCUMENT && type != BundleType.COLLECTION) {
                throw refuse(UNPROCESSABLE, "FG-0203", IssueType.NOTSUPPORTED, "Bundle type "
                        + (type == null ? "(missing)" : type.toCode())
                        + " is not taken in; send a transaction, batch, document or collection", "Bundle.type");
            }
            return allOrNothing(source, bundle, entries(bundle, type), type == BundleType.TRANSACTION
                    ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE, requestId);
        }
        IngestEntry single = new IngestEntry(0, input.fhirType(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), input);
        return allOrNothing(source, input, List.of(single), BundleType.TRANSACTIONRESPONSE, requestId);
    }

    private static List<IngestEntry> entries(Bundle bundle, BundleType type) {
        List<IngestEntry> entries = new ArrayList<>();
        List<Bundle.BundleEntryComponent> components = bundle.getEntry();
        for (int i = 0; i < components.size(); i++) {
            Bundle.BundleEntryComponent component = components.get(i);
            String at = "Bundle.entry[" + i + "]";
            if (!component.hasResource()) {
                throw refuse(BAD_REQUEST, "FG-0204", IssueType.REQUIRED, "entry has no resource", at);
            }
            Optional<Bundle.HTTPVerb> method = component.hasRequest() && component.getRequest().hasMethod()
                    ? Optional.of(component.getRequest().getMethod()) : Optional.empty();
            if (type == BundleType.TRANSACTION && method.isEmpty()) {
                throw refuse(BAD_REQUEST, "FG-0205", IssueType.REQUIRED,
                        "a transaction entry needs request.method", at + ".request");
            }
            if (method.isPresent() && method.get() != Bundle.HTTPVerb.POST && method.get() != Bundle.HTTPVerb.PUT) {
                throw refuse(UNPROCESSABLE, "FG-0206", IssueType.NOTSUPPORTED, "only POST and PUT entries are taken in;"
                        + " records leave the bank only through the resident's erasure", at + ".request.method");
            }
            entries.add(new IngestEntry(i, at + ".resource",
                    component.hasFullUrl() ? Optional.of(component.getFullUrl()) : Optional.empty(), method,
                    component.hasRequest() && component.getRequest().hasUrl()
                            ? Optional.of(component.getRequest().getUrl()) : Optional.empty(),
                    component.hasRequest() && component.getRequest().hasIfNoneExist()
                            ? Optional.of(component.getRequest().getIfNoneExist()) : Optional.empty(),
                    component.getResource()));
        }
        if (entries.isEmpty()) {
            throw refuse(BAD_REQUEST, "FG-0207", IssueType.REQUIRED, "the Bundle has no entries", "Bundle.entry");
        }
        return entries;
    }

    private IngestResult batch(IngestSource source, Bundle bundle, String requestId) {
        Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
        OperationOutcome warnings = new OperationOutcome();
        int created = 0;
        int unchanged = 0;
        List<Bundle.BundleEntryComponent> components = bundle.getEntry();
        for (int i = 0; i < components.size(); i++) {
            Bundle.BundleEntryComponent component = components.get(i);
            try {
                Bundle single = new Bundle().setType(BundleType.TRANSACTION);
                single.addEntry(component);
                IngestEntry entry = entries(single, BundleType.TRANSACTION).get(0);
                IngestEntry placed = new IngestEntry(i, "Bundle.entry[" + i + "].resource", entry.fullUrl(),
                        entry.method(), entry.requestUrl(), entry.ifNoneExist(), entry.resource());
                IngestResult one = allOrNothing(source, component.getResource(), List.of(placed),
                        BundleType.BATCHRESPONSE, requestId);
                response.addEntry(one.response().getEntryFirstRep());
                warnings.getIssue().addAll(one.warnings().getIssue());
                created += one.created();
                unchanged += one.unchanged();
            } catch (IngestRefusedException refused) {
                if (refused.status() == UNAVAILABLE) {
                    throw refused;
                }
                Bundle.BundleEntryComponent failed = response.addEntry();
                failed.getResponse().setStatus(refused.status() + " " + reason(refused.status()))
                        .setOutcome(refused.outcome());
            }
        }
        return new IngestResult(response, warnings, created, unchanged);
    }

    private IngestResult allOrNothing(IngestSource source, Resource validated, List<IngestEntry> entries,
                                      BundleType responseType, String requestId) {
        OperationOutcome warnings = new OperationOutcome();
        ValidationReport report = timings.time(IngestTimings.Stage.VALIDATION,
                () -> validator.validate(validated, source.mode()));
        if (report.refused()) {
            throw new IngestRefusedException(UNPROCESSABLE, "FG-0401", report.outcome());
        }
        for (OperationOutcome.OperationOutcomeIssueComponent issue : report.outcome().getIssue()) {
            if (issue.getSeverity() == IssueSeverity.WARNING || issue.getSeverity() == IssueSeverity.ERROR) {
                warnings.addIssue(issue.copy().setSeverity(IssueSeverity.WARNING));
            }
        }
        try {
            Plan plan = timings.time(IngestTimings.Stage.PLANNING, () -> plan(source, entries, warnings));
            // every custody the input touches, also those it only resends: an erased resident is refused
            for (Custody custody : plan.decisions().stream().map(Decision::custody).distinct().toList()) {
                enrol(source, plan, custody, requestId);
            }
            Map<IngestEntry, StoredRecord> stored = timings.time(IngestTimings.Stage.STORAGE,
                    () -> inTransaction(() -> store(source, plan, requestId)));
            return respond(plan, stored, responseType, warnings);
        } catch (IngestRefusedException refused) {
            wrongResident.record(source, entries, refused, requestId);
            throw refused;
        }
    }

    /** One entry's fate: stored as a new version (under an existing or a new record id), or already held. */
    private record Decision(IngestEntry entry, SourceRef ref, Custody custody, RecordId record, boolean store,
                            Optional<IndexedRecord> held, byte[] contentHash, DataCategory category) {
    }

    private record Plan(List<Decision> decisions, Set<Custody> custodies) {
    }

    private Plan plan(IngestSource source, List<IngestEntry> entries, OperationOutcome warnings) {
        Map<IngestEntry, DataCategory> categories = new LinkedHashMap<>();
        for (IngestEntry entry : entries) {
            categories.put(entry, category(source.kind(), entry));
        }
        IngestPlan plan = new IngestPlan(fhir, source.organisation(), index, people, entries).resolve();
        Map<IngestEntry, Decision> decisions = new LinkedHashMap<>();
        for (IngestEntry entry : entries) {
            decisions.put(entry, decide(source, plan, entry, categories.get(entry), warnings));
        }
        for (IngestEntry entry : entries) {
            rewrite(source, plan, entry, decisions);
        }
        Set<Custody> custodies = new java.util.LinkedHashSet<>();
        decisions.values().stream().filter(Decision::store).forEach(d -> custodies.add(d.custody()));
        return new Plan(List.copyOf(decisions.values()), custodies);
    }

    private DataCategory category(OrganisationKind kind, IngestEntry entry) {
        Classification classification = classifier.classify(entry.resource(), kind);
        if (classification instanceof Classification.Categorised categorised) {
            return categorised.category();
        }
        if (classification instanceof Classification.Supporting) {
            return switch (kind) {
                case CARE_PROVIDER -> DataCategory.CARE;
                case PAYMENT_PROVIDER -> DataCategory.PAYMENT;
                default -> DataCategory.MEDICAL;
            };
        }
        if (classification instanceof Classification.Refused refused) {
            throw refuse(UNPROCESSABLE, "FG-0301", IssueType.NOTSUPPORTED,
                    refused.resourceType() + " is a conformance or infrastructure resource, not a health record;"
                            + " the bank does not take it in", entry.expression());
        }
        throw refuse(UNPROCESSABLE, "FG-0302", IssueType.NOTSUPPORTED, entry.type()
                + " is not a type the bank takes in (no data category rule names it)", entry.expression());
    }

    private Decision decide(IngestSource source, IngestPlan plan, IngestEntry entry, DataCategory category,
                            OperationOutcome warnings) {
        Custody custody = plan.custody(entry);
        byte[] contentHash = hashes.content(ContentDigest.canonicalJson(entry.resource()));
        Optional<IndexedRecord> held = index.find(source.organisation(), plan.ref(entry));
        if (held.isEmpty() && entry.ifNoneExist().isPresent()) {
            held = conditionalCreateMatch(source, entry, custody);
            if (held.isPresent()) {
                return new Decision(entry, plan.ref(entry), held.get().custody(), held.get().record(), false, held, contentHash, category);
            }
        }
        if (held.isEmpty()) {
            return new Decision(entry, plan.ref(entry), custody, RecordId.random(), true, held, contentHash, category);
        }
        IndexedRecord previous = held.get();
        if (!previous.custody().equals(custody)) {
            throw IngestProblems.heldForAnother(entry.expression(), WrongResidentRefusals.residents(previous.custody(), custody));
        }
        Optional<String> version = sourceVersion(entry);
        boolean sameContent = java.security.MessageDigest.isEqual(previous.contentHash(), contentHash);
        boolean sameVersion = version.isPresent() && version.equals(previous.sourceVersion());
        if (sameContent || sameVersion) {
            return new Decision(entry, plan.ref(entry), custody, previous.record(), false, held, contentHash, category);
        }
        if (isOlder(entry, version, previous)) {
            IngestProblems.addIssue(warnings, IssueSeverity.WARNING, "FG-0314", IssueType.CONFLICT,
                    "the bank already holds a newer version of this resource; this one was not stored",
                    entry.expression());
            return new Decision(entry, plan.ref(entry), custody, previous.record(), false, held, contentHash, category);
        }
        return new Decision(entry, plan.ref(entry), custody, previous.record(), true, held, contentHash, category);
    }

    /** A conditional create matches only what the source sent for the same resident (or directory). */
    private Optional<IndexedRecord> conditionalCreateMatch(IngestSource source, IngestEntry entry, Custody custody) {
        String query = entry.ifNoneExist().get();
        int question = query.indexOf('?');
        String parameters = question >= 0 ? query.substring(question + 1) : query;
        String[] parameter = parameters.split("=", 2);
        if (parameter.length != 2 || !parameter[0].equals("identifier") || parameters.contains("&")) {
            throw refuse(UNPROCESSABLE, "FG-0306", IssueType.NOTSUPPORTED,
                    "ifNoneExist is supported by identifier only (identifier=system|value)",
                    "Bundle.entry[" + entry.index() + "].request.ifNoneExist");
        }
        String token = ConditionalReferences.decoded(parameter[1],
                "Bundle.entry[" + entry.index() + "].request.ifNoneExist");
        int bar = token.indexOf('|');
        if (bar <= 0) {
            return Optional.empty();
        }
        return index.findByIdentifier(source.organisation(), custody, entry.type(), token.substring(0, bar),
                token.substring(bar + 1));
    }

    private static Optional<String> sourceVersion(IngestEntry entry) {
        return entry.resource().hasMeta() && entry.resource().getMeta().hasVersionId()
                ? Optional.of(entry.resource().getMeta().getVersionId()) : Optional.empty();
    }

    private static Optional<Instant> sourceLastUpdated(IngestEntry entry) {
        return entry.resource().hasMeta() && entry.resource().getMeta().hasLastUpdated()
                ? Optional.of(entry.resource().getMeta().getLastUpdated().toInstant()) : Optional.empty();
    }

    /** A late copy of an older version (a retried pull, a replayed feed) must not supersede a newer one. */
    private static boolean isOlder(IngestEntry entry, Optional<String> version, IndexedRecord previous) {
        Optional<Instant> lastUpdated = sourceLastUpdated(entry);
        if (lastUpdated.isPresent() && previous.sourceLastUpdated().isPresent()) {
            return lastUpdated.get().isBefore(previous.sourceLastUpdated().get());
        }
        if (version.isPresent() && previous.sourceVersion().isPresent()) {
            try {
                return Long.parseLong(version.get()) < Long.parseLong(previous.sourceVersion().get());
            } catch (NumberFormatException notNumeric) {
                return false;
            }
        }
        return false;
    }

    /** Gives the resource its bank id and points its references at bank ids; the source's own name goes into meta.source. */
    private void rewrite(IngestSource source, IngestPlan plan, IngestEntry entry, Map<IngestEntry, Decision> decisions) {
        Resource resource = entry.resource();
        for (Reference reference : plan.references(resource)) {
            Target target = plan.targets().get(reference);
            if (target instanceof Target.ToEntry toEntry) {
                reference.setReference(toEntry.entry().type() + "/" + decisions.get(toEntry.entry()).record().value());
            } else if (target instanceof Target.ToIndexed indexed) {
                reference.setReference(indexed.type() + "/" + indexed.record().record().value());
            }
        }
        SourceRef ref = plan.ref(entry);
        String version = sourceVersion(entry).map(v -> "/_history/" + v).orElse("");
        resource.setId(entry.type() + "/" + decisions.get(entry).record().value());
        resource.getMeta().setVersionId(null).setLastUpdated(null)
                .setSource(SOURCE_URI_PREFIX + source.organisation().value() + "#" + ref.type() + "/" + ref.id() + version);
    }

    private void enrol(IngestSource source, Plan plan, Custody custody, String requestId) {
        try {
            bank.enrol(custody.id());
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            throw unavailable("FG-0501", "the key vault is unavailable; nothing was stored, send it again later");
        } catch (ResidentErasedException e) {
            ErasedRefusals.record(accessLog, actor(source), custody,
                    plan.decisions().stream().filter(d -> d.custody().equals(custody))
                            .map(d -> new ErasedRefusals.Refused(d.entry().type(), d.category())).toList(),
                    source.organisation(), requestId);
            throw erased();
        }
    }

    private static IngestRefusedException erased() {
        return refuse(IngestProblems.CONFLICT, "FG-0315", IssueType.BUSINESSRULE,
                "this resident has erased their data from the bank; the bank takes in nothing more about them"
                        + " unless they enrol again; nothing was stored");
    }

    private <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.inOne(work);
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            throw unavailable("FG-0501", "the key vault is unavailable; nothing was stored, send it again later");
        } catch (AccessLogUnavailableException e) {
            throw unavailable("FG-0502", "the access log is unavailable; nothing was stored, send it again later");
        } catch (ResidentKeyDestroyedException | ResidentErasedException e) {
            // erased while this input was under way
            throw erased();
        } catch (InvalidRecordException e) {
            throw refuse(PAYLOAD_TOO_LARGE, "FG-0208", IssueType.TOOLONG,
                    "a resource is larger than the bank takes (" + RecordContent.MAX_LENGTH + " bytes)");
        }
    }

    private static IngestRefusedException unavailable(String code, String diagnostics) {
        return refuse(UNAVAILABLE, code, IssueType.TRANSIENT, diagnostics);
    }

    private Map<IngestEntry, StoredRecord> store(IngestSource source, Plan plan, String requestId) {
        Map<IngestEntry, StoredRecord> stored = new LinkedHashMap<>();
        List<AccessLogEntry> logEntries = new ArrayList<>();
        for (Custody custody : plan.custodies()) {
            List<Decision> mine = plan.decisions().stream().filter(d -> d.store() && d.custody().equals(custody)).toList();
            List<RecordToStore> records = new ArrayList<>(mine.size());
            for (Decision decision : mine) {
                byte[] json = fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(decision.entry().resource())
                        .getBytes(StandardCharsets.UTF_8);
                records.add(new RecordToStore(decision.record(), new ResourceType(decision.entry().type()),
                        decision.category(), RecordContent.of(json)));
            }
            List<StoredRecord> results = new ArrayList<>(records.size());
            for (int from = 0; from < records.size(); from += settings.storeChunk()) {
                results.addAll(bank.storeAll(custody.id(), records.subList(from, Math.min(records.size(),
                        from + settings.storeChunk()))));
            }
            SortedCounts counts = new SortedCounts();
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            for (int i = 0; i < mine.size(); i++) {
                Decision decision = mine.get(i);
                StoredRecord record = results.get(i);
                stored.put(decision.entry(), record);
                IndexedRecord indexed = new IndexedRecord(decision.entry().type(), custody, record.id(), record.version(),
                        sourceVersion(decision.entry()), sourceLastUpdated(decision.entry()), decision.contentHash());
                try {
                    index.put(source.organisation(), decision.ref(), indexed, identifiers(decision.entry()));
                    Optional<String> urn = decision.entry().fullUrl().filter(url -> url.startsWith("urn:uuid:"));
                    if (urn.isPresent()) {
                        index.put(source.organisation(), SourceRef.urn(urn.get().substring("urn:uuid:".length())),
                                indexed, List.of());
                    }
                } catch (SourceIndex.HeldForAnotherCustodyException raced) {
                    throw IngestProblems.heldForAnother(decision.entry().expression(),
                            WrongResidentRefusals.residents(raced.held(), custody));
                }
                counts.add(decision.entry().type());
                categories.add(decision.category());
            }
            logEntries.add(new AccessLogEntry(actor(source), custody.directory() ? Optional.empty()
                    : Optional.of(custody.id()), AccessAction.INGEST, counts.counts(), categories, Optional.empty(),
                    Set.of(), AccessDecision.PERMIT, custody.directory() ? "ingest-directory" : "ingest", requestId));
        }
        if (!logEntries.isEmpty()) {
            timings.time(IngestTimings.Stage.ACCESS_LOG, () -> accessLog.appendAll(logEntries));
        }
        return stored;
    }

    private List<SourceIndex.SourceIdentifier> identifiers(IngestEntry entry) {
        List<SourceIndex.SourceIdentifier> identifiers = new ArrayList<>();
        for (Identifier identifier : IngestPlan.identifiersOf(fhir, entry.resource())) {
            if (identifier.hasSystem() && identifier.hasValue()) {
                identifiers.add(new SourceIndex.SourceIdentifier(identifier.getSystem(), identifier.getValue()));
            }
        }
        return identifiers;
    }

    static AccessActor actor(IngestSource source) {
        return source.client()
                .map(client -> new AccessActor("SOURCE_FEED", client.value(), Optional.of(source.organisation().value()),
                        Optional.of(client.value())))
                .orElseGet(() -> new AccessActor("SOURCE_PULL", source.organisation().value(),
                        Optional.of(source.organisation().value()), Optional.empty()));
    }

    private IngestResult respond(Plan plan, Map<IngestEntry, StoredRecord> stored, BundleType responseType,
                                 OperationOutcome warnings) {
        Bundle response = new Bundle().setType(responseType);
        int created = 0;
        int unchanged = 0;
        for (Decision decision : plan.decisions()) {
            Bundle.BundleEntryResponseComponent entry = response.addEntry().getResponse();
            StoredRecord record = stored.get(decision.entry());
            String type = decision.entry().type();
            if (record != null) {
                created++;
                entry.setStatus("201 Created")
                        .setLocation(type + "/" + record.id().value() + "/_history/" + record.version().value())
                        .setEtag("W/\"" + record.version().value() + "\"");
            } else {
                unchanged++;
                IndexedRecord held = decision.held().orElseThrow();
                entry.setStatus("200 OK")
                        .setLocation(type + "/" + held.record().value() + "/_history/" + held.bankVersion().value())
                        .setEtag("W/\"" + held.bankVersion().value() + "\"");
            }
        }
        return new IngestResult(response, warnings, created, unchanged);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            default -> "Error";
        };
    }

    /** Resource type → count, in the access log's sorted form. */
    private static final class SortedCounts {
        private final TreeMap<String, Integer> counts = new TreeMap<>();

        void add(String type) {
            counts.merge(type, 1, Integer::sum);
        }

        TreeMap<String, Integer> counts() {
            return counts;
        }
    }
}
