package org.azukari.fhir.ingest;

import java.util.Map;
import org.azukari.trustbank.api.StoredRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The response Bundle: one entry per input entry, in order, {@code 201 Created} with the new
 * version's location, {@code 200 OK} with the held version's, or (in a batch) the entry's own
 * refusal with its status and OperationOutcome.
 */
final class IngestResponses {

    private IngestResponses() {
    }

    static IngestResult respond(StoragePlan plan, Map<IngestEntry, StoredRecord> stored, BundleType responseType,
                                OperationOutcome warnings) {
        Bundle response = new Bundle().setType(responseType);
        int created = 0;
        int unchanged = 0;
        for (EntryDecision decision : plan.decisions()) {
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

    static void refused(Bundle response, IngestRefusedException refused) {
        response.addEntry().getResponse().setStatus(refused.status() + " " + reason(refused.status()))
                .setOutcome(refused.outcome());
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
}
