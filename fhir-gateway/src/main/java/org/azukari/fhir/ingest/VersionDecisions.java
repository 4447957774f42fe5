package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.trustbank.api.RecordId;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Recognises what the bank already holds of a source's resource: the same version (by
 * {@code meta.versionId} or by content) changes nothing, a conditional create that matches
 * is already there, an older version arriving late is not stored (FG-0314), and anything else
 * is the record's next version. A resource the source sent before for another resident is
 * refused (FG-0313): the bank does not move records between residents.
 */
final class VersionDecisions {

    private final SourceIndex index;
    private final SourceHashes hashes;

    VersionDecisions(SourceIndex index, SourceHashes hashes) {
        this.index = index;
        this.hashes = hashes;
    }

    EntryDecision decide(IngestSource source, IngestPlan plan, IngestEntry entry, DataCategory category,
                         OperationOutcome warnings) {
        Custody custody = plan.custody(entry);
        byte[] contentHash = hashes.content(ContentDigest.canonicalJson(entry.resource()));
        Optional<IndexedRecord> held = index.find(source.organisation(), plan.ref(entry));
        if (held.isEmpty() && entry.ifNoneExist().isPresent()) {
            held = conditionalCreateMatch(source, entry, custody);
            if (held.isPresent()) {
                return new EntryDecision(entry, plan.ref(entry), held.get().custody(), held.get().record(), false, held,
                        contentHash, category);
            }
        }
        if (held.isEmpty()) {
            return new EntryDecision(entry, plan.ref(entry), custody, RecordId.random(), true, held, contentHash, category);
        }
        IndexedRecord previous = held.get();
        if (!previous.custody().equals(custody)) {
            throw IngestProblems.heldForAnother(entry.expression(), WrongResidentRefusals.residents(previous.custody(), custody));
        }
        Optional<String> version = sourceVersion(entry);
        boolean sameContent = MessageDigest.isEqual(previous.contentHash(), contentHash);
        boolean sameVersion = version.isPresent() && version.equals(previous.sourceVersion());
        if (sameContent || sameVersion) {
            return new EntryDecision(entry, plan.ref(entry), custody, previous.record(), false, held, contentHash, category);
        }
        if (isOlder(entry, version, previous)) {
            IngestProblems.addIssue(warnings, IssueSeverity.WARNING, "FG-0314", IssueType.CONFLICT,
                    "the bank already holds a newer version of this resource; this one was not stored",
                    entry.expression());
            return new EntryDecision(entry, plan.ref(entry), custody, previous.record(), false, held, contentHash, category);
        }
        return new EntryDecision(entry, plan.ref(entry), custody, previous.record(), true, held, contentHash, category);
    }

    /** A conditional create matches only what the source sent for the same resident (or directory). */
    private Optional<IndexedRecord> conditionalCreateMatch(IngestSource source, IngestEntry entry, Custody custody) {
        String query = entry.ifNoneExist().get();
        int question = query.indexOf('?');
        String parameters = question >= 0 ? query.substring(question + 1) : query;
        String[] parameter = parameters.split("=", 2);
        if (parameter.length != 2 || !parameter[0].equals("identifier") || parameters.contains("&")) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0306, IssueType.NOTSUPPORTED,
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

    static Optional<String> sourceVersion(IngestEntry entry) {
        return entry.resource().hasMeta() && entry.resource().getMeta().hasVersionId()
                ? Optional.of(entry.resource().getMeta().getVersionId()) : Optional.empty();
    }

    static Optional<Instant> sourceLastUpdated(IngestEntry entry) {
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
}
