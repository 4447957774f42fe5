package org.azukari.fhir.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.BankIngest;
import org.azukari.fhir.ingest.Custody;
import org.azukari.identity.api.OrganisationId;
import org.azukari.trustbank.api.DecryptedRecord;
import org.azukari.trustbank.api.InvalidRecordException;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.ResidentNotEnrolledException;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The directory resources released records cite (their organisations, practitioners,
 * locations, medications), read from the citing record's source directory custody — the source
 * named in its {@code meta.source} — and sent along with {@code search.mode = include}, each once
 * per response. They belong to no resident. One the directory does not hold is simply absent; a
 * key-vault fault while reading one fails the whole response (503 FG-0707), since an answer
 * silently missing them would be a partial answer with a receipt.
 */
final class CitedDirectory {

    static final Set<String> TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "Medication", "Endpoint", "Device");

    private final TrustBank bank;
    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

    CitedDirectory(TrustBank bank) {
        this.bank = bank;
    }

    /** The literals ({@code Practitioner/id}) of the directory resources {@code records} cite; nothing is read. */
    Set<String> citedBy(List<Resource> records) {
        Set<String> literals = new LinkedHashSet<>();
        for (Resource record : records) {
            if (directoryOf(record).isPresent()) {
                literals.addAll(literals(record));
            }
        }
        return literals;
    }

    /**
     * The directory resources {@code records} cite, each once, except those in {@code sentBefore}
     * (cited by an earlier page of the same paging). Call before redaction: it needs each record's
     * {@code meta.source}.
     */
    List<Resource> of(List<Resource> records, Set<String> sentBefore) {
        Map<String, Resource> found = new LinkedHashMap<>();
        Set<String> asked = new java.util.HashSet<>();
        for (Resource record : records) {
            Optional<ResidentId> custody = directoryOf(record);
            if (custody.isEmpty()) {
                continue;
            }
            for (String literal : literals(record)) {
                if (!sentBefore.contains(literal) && !found.containsKey(literal)
                        && asked.add(custody.get().value() + " " + literal)) {
                    String[] parts = literal.split("/");
                    read(custody.get(), parts[0], parts[1]).ifPresent(resource -> found.put(literal, resource));
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private Set<String> literals(Resource record) {
        Set<String> literals = new LinkedHashSet<>();
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(record, Reference.class)) {
            String literal = reference.getReference();
            String[] parts = literal == null ? new String[0] : literal.split("/");
            if (parts.length == 2 && TYPES.contains(parts[0]) && !parts[1].isEmpty()) {
                literals.add(literal);
            }
        }
        return literals;
    }

    private Optional<Resource> read(ResidentId custody, String type, String id) {
        RecordId record;
        try {
            record = new RecordId(id);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        DecryptedRecord read;
        try {
            read = bank.read(custody, record);
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException fault) {
            throw ReleaseRefusedException.keyVaultUnavailable();
        } catch (RecordNotFoundException | ResidentNotEnrolledException | ResidentKeyDestroyedException
                 | InvalidRecordException notThere) {
            return Optional.empty();
        }
        if (!read.metadata().type().value().equals(type)) {
            return Optional.empty();
        }
        Optional<Resource> resource = StoredContent.parse(read);
        resource.ifPresent(r -> r.getMeta().setVersionId(String.valueOf(read.metadata().version().value())));
        return resource;
    }

    private static Optional<ResidentId> directoryOf(Resource record) {
        String source = record.hasMeta() ? record.getMeta().getSource() : null;
        if (source == null || !source.startsWith(BankIngest.SOURCE_URI_PREFIX) || source.indexOf('#') < 0) {
            return Optional.empty();
        }
        try {
            String organisation = source.substring(BankIngest.SOURCE_URI_PREFIX.length(), source.indexOf('#'));
            return Optional.of(Custody.directoryOf(new OrganisationId(organisation)).id());
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
