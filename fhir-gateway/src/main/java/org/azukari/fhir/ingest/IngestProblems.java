package org.azukari.fhir.ingest;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The gateway's refusals, each with a stable FG code. Diagnostics speak to the sender about
 * the sender's own input; the exception message carries the code only, so nothing of the
 * input reaches a log line.
 */
final class IngestProblems {

    static final int BAD_REQUEST = 400;
    static final int CONFLICT = 409;
    static final int PAYLOAD_TOO_LARGE = 413;
    static final int UNPROCESSABLE = 422;
    static final int UNAVAILABLE = 503;

    private IngestProblems() {
    }

    static IngestRefusedException refuse(int status, String code, IssueType type, String diagnostics, String expression) {
        return new IngestRefusedException(status, code, outcome(code, type, diagnostics, expression));
    }

    static IngestRefusedException refuse(int status, String code, IssueType type, String diagnostics) {
        return refuse(status, code, type, diagnostics, null);
    }

    static OperationOutcome outcome(String code, IssueType type, String diagnostics, String expression) {
        OperationOutcome outcome = new OperationOutcome();
        addIssue(outcome, IssueSeverity.ERROR, code, type, diagnostics, expression);
        return outcome;
    }

    static void addIssue(OperationOutcome outcome, IssueSeverity severity, String code, IssueType type,
                         String diagnostics, String expression) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(severity).setCode(type).setDiagnostics(code + " " + diagnostics);
        if (expression != null) {
            issue.addExpression(expression);
        }
    }

    /** {@code Bundle.entry[3].resource}, or the resource type itself for a single resource. */
    static String at(IngestEntry entry) {
        return entry.expression();
    }
}
