package org.azukari.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What HAPI's offline validator calls an error in valid FHIR R4 that a plain HAPI JPA server takes
 * in (US Core, CARIN, Da Vinci and JP Core shapes, written here in small fixtures of our own): a
 * warning in either mode, never a refusal. What is really wrong stays refused.
 */
class ValidatorMisfiresTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static HapiInputValidator validator;

    @BeforeAll
    static void buildTheValidatorOnce() {
        validator = HapiInputValidator.withJapanesePackages();
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_vitalSignOverAFullPrecisionPeriod_isNotRefused_andVs1ComesBackAsAWarning(ValidationMode mode)
            throws IOException {
        ValidationReport report = validator.validate(fixture("vital-sign-over-a-period.json"), mode);

        assertThat(report.refused()).as(diagnostics(report)).isFalse();
        assertThat(issues(report, IssueSeverity.WARNING)).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics()).contains("vs-1");
            assertThat(messageId(issue)).endsWith("#vs-1");
        });
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_vitalSignWithAnEffectiveDateTimeToTheMonth_isStillRefusedByVs1(ValidationMode mode) throws IOException {
        ValidationReport report = validator.validate(fixture("vital-sign-to-the-month.json"), mode);

        assertThat(report.refused()).isTrue();
        assertThat(issues(report, IssueSeverity.ERROR))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("vs-1"));
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_crossVersionExtension_isNotRefused_andComesBackAsAWarning(ValidationMode mode) throws IOException {
        ValidationReport report = validator.validate(fixture("prescription-with-r5-extension.json"), mode);

        assertThat(report.refused()).as(diagnostics(report)).isFalse();
        assertThat(issues(report, IssueSeverity.WARNING))
                .anySatisfy(issue -> assertThat(messageId(issue)).isEqualTo("Extension_EXT_Version_Invalid"));
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_transactionWithRelativeFullUrls_isNotRefused_andComesBackAsAWarning(ValidationMode mode)
            throws IOException {
        ValidationReport report = validator.validate(fixture("relative-full-urls.json"), mode);

        assertThat(report.refused()).as(diagnostics(report)).isFalse();
        assertThat(issues(report, IssueSeverity.WARNING))
                .anySatisfy(issue -> assertThat(messageId(issue)).isEqualTo("BUNDLE_ENTRY_URL_ABSOLUTE"));
    }

    @Test
    void findings_aProfileBindingThatNamesACodeSystem_isAWarningEvenInStrictMode() {
        for (String id : List.of("Terminology_TX_ValueSet_NotFound_CS", "SD_ED_BIND_NOT_VS")) {
            SingleValidationMessage message = new SingleValidationMessage();
            message.setSeverity(ResultSeverityEnum.ERROR);
            message.setMessageId(id);
            message.setLocationString("MedicationRequest.medication.ofType(CodeableConcept).coding[0].code");
            message.setMessage("Found a reference to a CodeSystem where a ValueSet belongs");
            Findings findings = new Findings(ValidationMode.STRICT);
            findings.addProfiled(List.of(message), false);

            ValidationReport report = findings.report();

            assertThat(report.refused()).as(id).isFalse();
            assertThat(issues(report, IssueSeverity.WARNING)).as(id).hasSize(1);
        }
    }

    @Test
    void validate_profileErrorWithACrossVersionExtensionBeside_isStillRefusedInStrictMode() throws IOException {
        Resource broken;
        try (InputStream in = getClass().getResourceAsStream(
                "/jp-clins-examples/MedicationRequest-ErrorExample-JP-MedReq-ExtEye-Total1.json")) {
            broken = (Resource) FHIR.newJsonParser().parseResource(in);
        }
        ((org.hl7.fhir.r4.model.DomainResource) broken).addExtension(new Extension(
                "http://hl7.org/fhir/5.0/StructureDefinition/extension-MedicationRequest.renderedDosageInstruction",
                new MarkdownType("two drops")));

        ValidationReport report = validator.validate(broken, ValidationMode.STRICT);

        assertThat(report.refused()).isTrue();
        assertThat(issues(report, IssueSeverity.ERROR))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("needs-anyOfStandardCode-medication"))
                .noneSatisfy(issue -> assertThat(messageId(issue)).isEqualTo("Extension_EXT_Version_Invalid"));
    }

    static Resource fixture(String file) throws IOException {
        try (InputStream in = ValidatorMisfiresTest.class.getResourceAsStream("/real-world-shapes/" + file)) {
            return (Resource) FHIR.newJsonParser().parseResource(in);
        }
    }

    private static List<OperationOutcomeIssueComponent> issues(ValidationReport report, IssueSeverity severity) {
        return report.outcome().getIssue().stream().filter(issue -> issue.getSeverity() == severity).toList();
    }

    private static String messageId(OperationOutcomeIssueComponent issue) {
        return issue.getDetails().getCoding().stream().filter(c -> Findings.MESSAGE_ID_SYSTEM.equals(c.getSystem()))
                .map(c -> c.getCode()).findFirst().orElse("");
    }

    private static String diagnostics(ValidationReport report) {
        return report.outcome().getIssue().stream()
                .map(issue -> issue.getSeverity() + " " + issue.getDiagnostics()).toList().toString();
    }
}
