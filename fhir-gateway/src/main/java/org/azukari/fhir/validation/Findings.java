package org.azukari.fhir.validation;

import static org.hl7.fhir.utilities.i18n.I18nConstants.BUNDLE_ENTRY_URL_ABSOLUTE;
import static org.hl7.fhir.utilities.i18n.I18nConstants.EXTENSION_EXT_VERSION_INVALID;
import static org.hl7.fhir.utilities.i18n.I18nConstants.SD_ED_BIND_NOT_VS;
import static org.hl7.fhir.utilities.i18n.I18nConstants.TERMINOLOGY_PASSTHROUGH_TX_MESSAGE;
import static org.hl7.fhir.utilities.i18n.I18nConstants.TERMINOLOGY_TX_BINDING_CANTCHECK;
import static org.hl7.fhir.utilities.i18n.I18nConstants.TERMINOLOGY_TX_SYSTEM_NOT_USABLE;
import static org.hl7.fhir.utilities.i18n.I18nConstants.TERMINOLOGY_TX_SYSTEM_UNKNOWN;
import static org.hl7.fhir.utilities.i18n.I18nConstants.TERMINOLOGY_TX_UNKNOWN_OID;
import static org.hl7.fhir.utilities.i18n.I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND;
import static org.hl7.fhir.utilities.i18n.I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND_CS;
import static org.hl7.fhir.utilities.i18n.I18nConstants.UNKNOWN_CODESYSTEM;
import static org.hl7.fhir.utilities.i18n.I18nConstants.UNKNOWN_CODESYSTEM_VERSION;
import static org.hl7.fhir.utilities.i18n.I18nConstants.UNKNOWN_CODESYSTEM_VERSION_NONE;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALIDATION_VAL_PROFILE_MINIMUM;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_ERROR;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_ERROR_NETWORK;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALUESET_REFERENCE_UNKNOWN;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALUESET_UNC_SYSTEM_WARNING;
import static org.hl7.fhir.utilities.i18n.I18nConstants.VALUESET_UNC_SYSTEM_WARNING_VER;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * The issues of one validation, collected from the base pass and the pass with the Japanese
 * packages. It decides each issue's severity, which decides the refusal: base errors stay errors,
 * profile errors are errors only in {@link ValidationMode#STRICT}, and nothing the validator cannot
 * know (a code system or value set without a terminology server, a profile not in the packages)
 * is ever more than a warning. Not thread-safe: one per validation.
 */
final class Findings {

    /** Message ids that say "could not be checked", not "is wrong". */
    static final Set<String> UNKNOWABLE = Set.of(
            // The terminology service's own verdict, e.g. a valid BCP-47 tag such as "ja-JP" it
            // cannot place. A required binding that is really broken also yields Terminology_TX_NoValid_*.
            TERMINOLOGY_PASSTHROUGH_TX_MESSAGE,
            TERMINOLOGY_TX_VALUESET_NOTFOUND,
            TERMINOLOGY_TX_SYSTEM_UNKNOWN,
            TERMINOLOGY_TX_SYSTEM_NOT_USABLE,
            TERMINOLOGY_TX_UNKNOWN_OID,
            TERMINOLOGY_TX_BINDING_CANTCHECK,
            UNKNOWN_CODESYSTEM,
            UNKNOWN_CODESYSTEM_VERSION,
            UNKNOWN_CODESYSTEM_VERSION_NONE,
            VALUESET_REFERENCE_UNKNOWN,
            VALUESET_UNC_SYSTEM_WARNING,
            VALUESET_UNC_SYSTEM_WARNING_VER,
            VALIDATION_VAL_PROFILE_UNKNOWN,
            VALIDATION_VAL_PROFILE_UNKNOWN_ERROR,
            VALIDATION_VAL_PROFILE_UNKNOWN_ERROR_NETWORK,
            VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY);

    /**
     * HAPI asks every Bundle entry for a fullUrl, where R4 lets a transaction or batch POST go
     * without one; the gateway resolves such entries by their resource id and refuses a
     * reference that resolves to nothing, so a missing fullUrl is only a warning here.
     */
    private static final Set<String> STRICTER_THAN_R4 = Set.of("Bundle_BUNDLE_Entry_NoFullUrl",
            "Bundle_BUNDLE_FullUrl_Missing");

    /**
     * What HAPI's offline validator reports as an error in data that is valid FHIR R4 and that a
     * plain HAPI JPA server takes in: a cross-version extension ({@code
     * http://hl7.org/fhir/5.0/StructureDefinition/extension-…}, FHIR's own mechanism, "invalid
     * Version '5.0'"), a profile's binding that names a CodeSystem where a ValueSet belongs (the
     * profile's defect, not the data's), and a relative {@code fullUrl} in a transaction (the bank
     * resolves it like HAPI JPA does). A source cannot fix these; they are warnings.
     */
    private static final Set<String> VALIDATOR_MISFIRES = Set.of(EXTENSION_EXT_VERSION_INVALID,
            TERMINOLOGY_TX_VALUESET_NOTFOUND_CS, SD_ED_BIND_NOT_VS, BUNDLE_ENTRY_URL_ABSOLUTE);

    /**
     * R4's vs-1 ("if Observation.effective[x] is dateTime and has a value then that value shall be
     * precise to the day") is written {@code ($this as dateTime).toString().length() >= 8}, which
     * is empty, and so fails in HAPI, for an {@code effectivePeriod}. Only on a dateTime is it a
     * finding of the data (a year-month effectiveDateTime still refuses the input).
     */
    private static final String VITAL_SIGNS_DAY_PRECISION = "#vs-1";
    private static final String ON_A_DATE_TIME = "ofType(dateTime)";

    /** Where HAPI names the message id of the validator's issue in an OperationOutcome, as the HL7 validator does. */
    static final String MESSAGE_ID_SYSTEM = "http://hl7.org/fhir/java-core-messageId";

    private static final Pattern LOCATION_COMMENT = Pattern.compile("/\\*.*?\\*/");
    // The same broken rule is reported "from" the base definition in one pass and "from" the
    // profile in the other; the canonical URLs are what differs.
    private static final Pattern CANONICAL_URL = Pattern.compile("https?://[^\\s)'\"]+");

    private final ValidationMode mode;
    private final Map<String, OperationOutcomeIssueComponent> issuesByFinding = new LinkedHashMap<>();
    private final Set<String> baseErrors = new HashSet<>();

    Findings(ValidationMode mode) {
        this.mode = Objects.requireNonNull(mode);
    }

    /**
     * @param withNonErrors whether to keep warnings too; not when the pass with the packages
     *        also runs, as it repeats them knowing more (the base pass knows no JP extension)
     */
    void addBase(List<SingleValidationMessage> messages, boolean withNonErrors) {
        for (SingleValidationMessage message : messages) {
            IssueSeverity severity = severityOf(message);
            if (isError(severity)) {
                baseErrors.add(findingOf(message));
                add(message, severity);
            } else if (withNonErrors) {
                add(message, severity);
            }
        }
    }

    /**
     * @param bestEffort the resource was checked out of its Bundle because the Bundle could not be
     *        checked as a whole; such findings are never more than warnings
     */
    void addProfiled(List<SingleValidationMessage> messages, boolean bestEffort) {
        for (SingleValidationMessage message : messages) {
            IssueSeverity severity = severityOf(message);
            if (isError(severity)) {
                if (baseErrors.contains(findingOf(message))) {
                    continue;
                }
                if (bestEffort || mode == ValidationMode.LENIENT) {
                    severity = IssueSeverity.WARNING;
                }
            }
            add(message, severity);
        }
    }

    void addValidatorFailure(String diagnostics, String expression) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent()
                .setSeverity(IssueSeverity.WARNING)
                .setCode(IssueType.EXCEPTION)
                .setDiagnostics(diagnostics);
        issue.addExpression(expression);
        issue.addLocation(expression);
        issuesByFinding.putIfAbsent(expression + "|" + diagnostics, issue);
    }

    ValidationReport report() {
        OperationOutcome outcome = new OperationOutcome();
        issuesByFinding.values().forEach(outcome::addIssue);
        if (!outcome.hasIssue()) {
            // An OperationOutcome needs at least one issue.
            outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                    .setDiagnostics("No issues found");
        }
        boolean refused = outcome.getIssue().stream().anyMatch(issue -> isError(issue.getSeverity()));
        return new ValidationReport(refused, outcome);
    }

    private void add(SingleValidationMessage message, IssueSeverity severity) {
        OperationOutcomeIssueComponent known = issuesByFinding.get(findingOf(message));
        if (known != null) {
            // HAPI reports some findings twice inside a Bundle; keep the graver.
            if (severity.ordinal() < known.getSeverity().ordinal()) {
                known.setSeverity(severity);
            }
            return;
        }
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent()
                .setSeverity(severity)
                .setCode(typeOf(message.getMessageId(), severity))
                .setDiagnostics(message.getMessage());
        if (message.getMessageId() != null) {
            issue.getDetails().addCoding().setSystem(MESSAGE_ID_SYSTEM).setCode(message.getMessageId());
        }
        issue.addExpression(message.getLocationString());
        issue.addLocation(message.getLocationString());
        issuesByFinding.put(findingOf(message), issue);
    }

    private static IssueSeverity severityOf(SingleValidationMessage message) {
        IssueSeverity severity = message.getSeverity() == null
                ? IssueSeverity.INFORMATION
                : IssueSeverity.fromCode(message.getSeverity().getCode());
        if (isError(severity) && (UNKNOWABLE.contains(message.getMessageId())
                || STRICTER_THAN_R4.contains(message.getMessageId()) || misfires(message))) {
            return IssueSeverity.WARNING;
        }
        return severity;
    }

    private static boolean misfires(SingleValidationMessage message) {
        String id = Objects.toString(message.getMessageId(), "");
        return VALIDATOR_MISFIRES.contains(id) || id.endsWith(VITAL_SIGNS_DAY_PRECISION)
                && !Objects.toString(message.getLocationString(), "").contains(ON_A_DATE_TIME);
    }

    private static boolean isError(IssueSeverity severity) {
        return severity == IssueSeverity.ERROR || severity == IssueSeverity.FATAL;
    }

    private static String findingOf(SingleValidationMessage message) {
        String location = LOCATION_COMMENT.matcher(Objects.toString(message.getLocationString(), "")).replaceAll("");
        String text = CANONICAL_URL.matcher(Objects.toString(message.getMessage(), "")).replaceAll("");
        return location + "|" + text;
    }

    /** HAPI's messages keep only the message id of the validator's own issue type. */
    private static IssueType typeOf(String messageId, IssueSeverity severity) {
        String id = Objects.toString(messageId, "");
        if (id.contains("#")) {
            return IssueType.INVARIANT; // "<StructureDefinition url>#<constraint key>"
        }
        if (id.toUpperCase(Locale.ROOT).startsWith(VALIDATION_VAL_PROFILE_UNKNOWN.toUpperCase(Locale.ROOT))) {
            return IssueType.NOTFOUND;
        }
        if (id.startsWith(VALIDATION_VAL_PROFILE_MINIMUM)) {
            return IssueType.REQUIRED;
        }
        if (UNKNOWABLE.contains(id) || id.toLowerCase(Locale.ROOT).startsWith("terminology_")) {
            return IssueType.CODEINVALID;
        }
        if (id.startsWith("Type_Specific_Checks_") || id.contains("_DT_")) {
            return IssueType.VALUE;
        }
        return severity == IssueSeverity.INFORMATION ? IssueType.INFORMATIONAL : IssueType.INVALID;
    }
}
