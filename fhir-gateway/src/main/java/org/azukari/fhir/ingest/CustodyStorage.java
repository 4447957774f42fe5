package org.azukari.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.AccessCounts;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Stores a planned input, custody by custody, inside the caller's database transaction: encrypts
 * and stores the records through the trust bank (in chunks), indexes the source's ids and
 * identifiers, and writes one access log entry per custody.
 */
final class CustodyStorage {

    private final FhirContext fhir;
    private final TrustBank bank;
    private final AccessLog accessLog;
    private final SourceIndex index;
    private final IngestSettings settings;
    private final IngestTimings timings;

    CustodyStorage(FhirContext fhir, TrustBank bank, AccessLog accessLog, SourceIndex index, IngestSettings settings,
                   IngestTimings timings) {
        this.fhir = fhir;
        this.bank = bank;
        this.accessLog = accessLog;
        this.index = index;
        this.settings = settings;
        this.timings = timings;
    }

    Map<IngestEntry, StoredRecord> store(IngestSource source, StoragePlan plan, String requestId) {
        Map<IngestEntry, StoredRecord> stored = new LinkedHashMap<>();
        List<AccessLogEntry> logEntries = new ArrayList<>();
        for (Custody custody : plan.custodies()) {
            List<EntryDecision> mine = plan.decisions().stream().filter(d -> d.store() && d.custody().equals(custody))
                    .toList();
            List<StoredRecord> results = storeAll(custody, mine);
            AccessCounts counts = AccessCounts.none();
            for (int i = 0; i < mine.size(); i++) {
                EntryDecision decision = mine.get(i);
                StoredRecord record = results.get(i);
                stored.put(decision.entry(), record);
                index(source, custody, decision, record);
                counts.add(decision.entry().type(), decision.category());
            }
            logEntries.add(AccessLogEntry.ingest(BankIngest.actor(source), custody.directory() ? Optional.empty()
                    : Optional.of(custody.id()), counts, AccessDecision.PERMIT,
                    custody.directory() ? "ingest-directory" : "ingest", requestId));
        }
        if (!logEntries.isEmpty()) {
            timings.time(IngestTimings.Stage.ACCESS_LOG, () -> accessLog.appendAll(logEntries));
        }
        return stored;
    }

    private List<StoredRecord> storeAll(Custody custody, List<EntryDecision> mine) {
        List<RecordToStore> records = new ArrayList<>(mine.size());
        for (EntryDecision decision : mine) {
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
        return results;
    }

    private void index(IngestSource source, Custody custody, EntryDecision decision, StoredRecord record) {
        IndexedRecord indexed = new IndexedRecord(decision.entry().type(), custody, record.id(), record.version(),
                VersionDecisions.sourceVersion(decision.entry()), VersionDecisions.sourceLastUpdated(decision.entry()),
                decision.contentHash());
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
}
