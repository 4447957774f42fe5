package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.azukari.fhir.ingest.IngestResult;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code POST /fhir} with a Bundle: {@code transaction} (all or nothing), {@code batch} (per
 * entry), and, beyond what the FHIR REST API names, {@code document} and {@code collection}
 * Bundles, taken in whole like a transaction (JP-CLINS documents arrive this way).
 */
public final class IngestProvider {

    private final IngestEndpoint endpoint;

    IngestProvider(IngestEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle input, RequestDetails request) {
        IngestResult result = endpoint.ingest(input, request);
        return withWarnings(result);
    }

    /** Puts each warning on the response entry its expression names ({@code Bundle.entry[3]...}), else on the first. */
    static Bundle withWarnings(IngestResult result) {
        Bundle response = result.response();
        List<Bundle.BundleEntryComponent> entries = response.getEntry();
        for (OperationOutcome.OperationOutcomeIssueComponent issue : result.warnings().getIssue()) {
            int index = entryIndex(issue);
            Bundle.BundleEntryComponent entry = entries.get(index >= 0 && index < entries.size() ? index : 0);
            if (!entry.getResponse().hasOutcome()) {
                entry.getResponse().setOutcome(new OperationOutcome());
            }
            ((OperationOutcome) entry.getResponse().getOutcome()).addIssue(issue);
        }
        return response;
    }

    private static int entryIndex(OperationOutcome.OperationOutcomeIssueComponent issue) {
        String where = !issue.getExpression().isEmpty() ? issue.getExpression().get(0).getValue()
                : !issue.getLocation().isEmpty() ? issue.getLocation().get(0).getValue() : "";
        if (where != null && where.startsWith("Bundle.entry[")) {
            int close = where.indexOf(']');
            try {
                return Integer.parseInt(where.substring("Bundle.entry[".length(), close));
            } catch (RuntimeException notAnIndex) {
                return 0;
            }
        }
        return 0;
    }
}
