package org.azukari.fhir.export;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import java.util.function.Consumer;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored records of one export, decrypted and parsed. A record whose stored content cannot be
 * parsed is left out, counted as {@value ExportJob#UNREADABLE} and named to the operator by its
 * bank record id and {@value #UNREADABLE_RECORD} (never its content, never the parser's message,
 * which may quote it): one bad record never fails a whole cohort's export. A key-vault or
 * database fault is not caught here: it fails the export.
 */
final class ExportedRecords {

    private static final Logger log = LoggerFactory.getLogger(ExportedRecords.class);
    /** A stored record left out of an export because its content cannot be parsed (application log only). */
    static final String UNREADABLE_RECORD = "EX-0731";

    private final TrustBank bank;
    private final String jobId;

    ExportedRecords(TrustBank bank, String jobId) {
        this.bank = bank;
        this.jobId = jobId;
    }

    /** The record as a resource, or empty when it is gone or unreadable ({@code leftOut} told the latter). */
    Optional<Resource> readable(ResidentId resident, StoredRecord record, Consumer<String> leftOut) {
        Optional<String> content = decrypted(resident, record);
        Optional<Resource> parsed = content.flatMap(ExportedRecords::parse);
        if (content.isPresent() && parsed.isEmpty()) {
            log.warn("{} export {}: stored record {} could not be parsed; left out", UNREADABLE_RECORD, jobId,
                    record.id().value());
            leftOut.accept(ExportJob.UNREADABLE);
        }
        return parsed;
    }

    /** The quasi-identifier pass: a Patient that cannot be parsed gives none (the second pass reports it). */
    Optional<Resource> quietly(ResidentId resident, StoredRecord record) {
        return decrypted(resident, record).flatMap(ExportedRecords::parse);
    }

    private Optional<String> decrypted(ResidentId resident, StoredRecord record) {
        try {
            return Optional.of(bank.read(resident, record.id()).content().plaintextUtf8());
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
