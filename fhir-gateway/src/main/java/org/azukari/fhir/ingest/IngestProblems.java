package org.azukari.fhir.ingest;

import java.util.Set;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
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

    static IngestRefusedException refuse(int status, FhirGatewayError code, IssueType type, String diagnostics,
                                         String expression) {
        return new IngestRefusedException(status, code, outcome(code.code(), type, diagnostics, expression));
    }

    static IngestRefusedException refuse(int status, FhirGatewayError code, IssueType type, String diagnostics) {
        return refuse(status, code, type, diagnostics, null);
    }

    /**
     * FG-0309: the input (a Patient's identifiers, or a reference by identifier) names more than
     * one resident, or a resident other than the record's own. The bank never picks one.
     */
    static IngestRefusedException ambiguous(String diagnostics, String expression, Set<ResidentId> residents) {
        return new IngestRefusedException(UNPROCESSABLE, FhirGatewayError.FG_0309,
                outcome(FhirGatewayError.FG_0309.code(), IssueType.MULTIPLEMATCHES, diagnostics, expression), residents);
    }

    /** FG-0313: the source sent this resource before for another resident; the bank does not move records. */
    static IngestRefusedException heldForAnother(String expression, Set<ResidentId> residents) {
        return new IngestRefusedException(CONFLICT, FhirGatewayError.FG_0313, outcome(FhirGatewayError.FG_0313.code(), IssueType.CONFLICT,
                "this resource was sent before for a different patient; the bank does not move records between"
                        + " residents, and nothing of the input was stored", expression), residents);
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
