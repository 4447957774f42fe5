package org.azukari.fhir.mapping;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The one-issue error OperationOutcome every FHIR-facing refusal of the bank answers with. */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

    /** @param diagnostics a stable code and a short text for the caller; never quotes health data */
    public static OperationOutcome error(IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return outcome;
    }

    /** A one-issue warning, for an answer that went out but is incomplete. Never quotes health data. */
    public static OperationOutcome warning(IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING).setCode(type).setDiagnostics(diagnostics);
        return outcome;
    }
}
