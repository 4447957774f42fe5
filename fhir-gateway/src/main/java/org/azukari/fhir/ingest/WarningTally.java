package org.azukari.fhir.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Counts an input's warnings by code and resource type, for {@link SourceWarnings}: the FG code
 * a gateway warning starts with, else the validator's message id, else the issue type; the type
 * of the entry the warning's expression names. Nothing of the diagnostics text is kept.
 */
final class WarningTally {

    /** Where HAPI and the validator put a message id in an issue's details. */
    static final String MESSAGE_ID_SYSTEM = "http://hl7.org/fhir/java-core-messageId";
    private static final Pattern FG_CODE = Pattern.compile("^(FG-\\d{4})\\b");
    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d{1,9})]");
    private static final Pattern CODE_TEXT = Pattern.compile("[A-Za-z0-9_.:/#|-]{1,200}");

    private WarningTally() {
    }

    static Map<SourceWarnings.Kind, Integer> of(OperationOutcome warnings, List<IngestEntry> entries) {
        Map<SourceWarnings.Kind, Integer> counts = new LinkedHashMap<>();
        for (OperationOutcome.OperationOutcomeIssueComponent issue : warnings.getIssue()) {
            counts.merge(new SourceWarnings.Kind(code(issue), type(issue, entries)), 1, Integer::sum);
        }
        return counts;
    }

    private static String code(OperationOutcome.OperationOutcomeIssueComponent issue) {
        Matcher fg = FG_CODE.matcher(issue.getDiagnostics() == null ? "" : issue.getDiagnostics());
        if (fg.find()) {
            return fg.group(1);
        }
        for (Coding coding : issue.getDetails().getCoding()) {
            if (MESSAGE_ID_SYSTEM.equals(coding.getSystem()) && coding.hasCode()
                    && CODE_TEXT.matcher(coding.getCode()).matches()) {
                return coding.getCode();
            }
        }
        return issue.hasCode() ? issue.getCode().toCode() : "unknown";
    }

    /** The type of the entry the issue is about; the input's own when it names none. */
    private static String type(OperationOutcome.OperationOutcomeIssueComponent issue, List<IngestEntry> entries) {
        String where = !issue.getExpression().isEmpty() ? issue.getExpression().get(0).getValue()
                : !issue.getLocation().isEmpty() ? issue.getLocation().get(0).getValue() : null;
        Matcher entry = ENTRY.matcher(where == null ? "" : where);
        if (entry.find()) {
            int index = Integer.parseInt(entry.group(1));
            for (IngestEntry candidate : entries) {
                if (candidate.index() == index) {
                    return candidate.type();
                }
            }
            return "Bundle";
        }
        return entries.size() == 1 ? entries.get(0).type() : "Bundle";
    }
}
