package org.azukari.fhir.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.BankIngest;
import org.azukari.fhir.ingest.Custody;
import org.azukari.identity.api.OrganisationId;
import org.azukari.trustbank.api.DecryptedRecord;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.api.TrustBankException;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The directory resources released records cite (their organisations, practitioners,
 * locations, medications), read from the citing record's source directory custody — the source
 * named in its {@code meta.source} — and sent along with {@code search.mode = include}. They
 * belong to no resident; one that cannot be read is left out.
 */
final class CitedDirectory {

    static final Set<String> TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "Medication", "Endpoint", "Device");

    private final TrustBank bank;
    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

    CitedDirectory(TrustBank bank) {
        this.bank = bank;
    }

    /** Call before redaction: it needs each record's {@code meta.source}. */
    List<Resource> of(List<Resource> released) {
        Map<String, Resource> found = new LinkedHashMap<>();
        for (Resource record : released) {
            Optional<ResidentId> custody = directoryOf(record);
            if (custody.isEmpty()) {
                continue;
            }
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(record, Reference.class)) {
                String literal = reference.getReference();
                String[] parts = literal == null ? new String[0] : literal.split("/");
                if (parts.length != 2 || !TYPES.contains(parts[0]) || found.containsKey(literal)) {
                    continue;
                }
                read(custody.get(), parts[0], parts[1]).ifPresent(resource -> found.put(literal, resource));
            }
        }
        return new ArrayList<>(found.values());
    }

    private Optional<Resource> read(ResidentId custody, String type, String id) {
        try {
            DecryptedRecord record = bank.read(custody, new RecordId(id));
            if (!record.metadata().type().value().equals(type)) {
                return Optional.empty();
            }
            Resource resource = (Resource) FhirContext.forR4Cached().newJsonParser()
                    .parseResource(record.content().plaintextUtf8());
            resource.getMeta().setVersionId(String.valueOf(record.metadata().version().value()));
            return Optional.of(resource);
        } catch (TrustBankException | IllegalArgumentException notThere) {
            return Optional.empty();
        }
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
