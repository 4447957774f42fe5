package org.azukari.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class HapiInputValidatorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String EYE_DROPS_ERROR_EXAMPLE = "MedicationRequest-ErrorExample-JP-MedReq-ExtEye-Total1.json";
    private static final String PLAIN_OBSERVATION = """
            {"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
             "subject":{"reference":"Patient/1"}}""";

    // Built once: loading the packages and warming up takes seconds.
    private static HapiInputValidator validator;

    @BeforeAll
    static void buildTheValidatorOnce() {
        long started = System.nanoTime();
        validator = HapiInputValidator.withJapanesePackages();
        System.out.printf("HapiInputValidator.withJapanesePackages() incl. warm-up: %d ms%n", millisSince(started));
    }

    @Test
    void exampleFolders_holdEveryPublishedExample() throws Exception {
        assertThat(jpClinsExamples()).hasSize(61);
        assertThat(jpCoreExamples()).hasSize(48);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpClinsExamples")
    void validate_jpClinsExampleInLenientMode_isNotRefused(String file) throws IOException {
        ValidationReport report = validator.validate(example("jp-clins-examples", file), ValidationMode.LENIENT);

        assertThat(report.refused()).as(diagnosticsOf(report)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpCoreExamples")
    void validate_jpCoreExampleInLenientMode_isNotRefused(String file) throws IOException {
        ValidationReport report = validator.validate(example("jp-core-examples", file), ValidationMode.LENIENT);

        assertThat(report.refused()).as(diagnosticsOf(report)).isFalse();
    }

    @Test
    void validate_prescriptionBreakingAClinsConstraintInStrictMode_isRefusedQuotingTheConstraint() throws IOException {
        ValidationReport report = validator.validate(example("jp-clins-examples", EYE_DROPS_ERROR_EXAMPLE), ValidationMode.STRICT);

        assertThat(report.refused()).isTrue();
        assertThat(issuesOf(report, IssueSeverity.ERROR)).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics()).contains("needs-anyOfStandardCode-medication");
            assertThat(issue.getExpression().get(0).getValue()).isEqualTo("MedicationRequest");
        });
    }

    @Test
    void validate_prescriptionBreakingAClinsConstraintInLenientMode_isAcceptedWithTheConstraintAsAWarning() throws IOException {
        ValidationReport report = validator.validate(example("jp-clins-examples", EYE_DROPS_ERROR_EXAMPLE), ValidationMode.LENIENT);

        assertThat(report.refused()).isFalse();
        assertThat(issuesOf(report, IssueSeverity.ERROR)).isEmpty();
        assertThat(issuesOf(report, IssueSeverity.WARNING))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("needs-anyOfStandardCode-medication"));
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_referralDocumentsWhoseBundleProfileBreaksHapi_areNotRefusedAndSayTheProfileWasNotChecked(ValidationMode mode)
            throws IOException {
        for (String file : List.of("Bundle-Bundle-CLINS-Referral-Example-01.json",
                "Bundle-Bundle-CLINS-Referral-NoEntry-Example-01.json")) {
            ValidationReport report = validator.validate(example("jp-clins-examples", file), mode);

            assertThat(report.refused()).as(file + ": " + diagnosticsOf(report)).isFalse();
            assertThat(issuesOf(report, IssueSeverity.WARNING)).as(file).anySatisfy(issue -> {
                assertThat(issue.getDiagnostics())
                        .contains("http://jpfhir.jp/fhir/clins/StructureDefinition/JP_Bundle_eReferral")
                        .contains("org.hl7.fhir.exceptions.DefinitionException")
                        .doesNotContain("Slice encountered", "Referral-Example-01", "Referral-NoEntry-Example-01");
                assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Bundle");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_observationWithoutStatus_isRefusedInEitherMode(ValidationMode mode) {
        ValidationReport report = validator.validate(parse("""
                {"resourceType":"Observation","code":{"text":"x"},"subject":{"reference":"Patient/1"}}"""), mode);

        assertRefusedWith(report, "Observation", "Observation.status");
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_patientWithMalformedBirthDate_isRefusedInEitherMode(ValidationMode mode) {
        ValidationReport report = validator.validate(parse("""
                {"resourceType":"Patient","birthDate":"not-a-date"}"""), mode);

        assertRefusedWith(report, "Patient.birthDate", "not-a-date");
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_referenceThatIsNotAReference_isRefusedInEitherMode(ValidationMode mode) {
        // HAPI lets "::bad::" through; a space is what it flags
        ValidationReport report = validator.validate(parse("""
                {"resourceType":"Observation","status":"final","code":{"text":"x"},
                 "subject":{"reference":"Patient/a b"}}"""), mode);

        assertRefusedWith(report, "Observation.subject", "not a valid reference");
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_codeOutsideARequiredBaseValueSet_isRefusedInEitherMode(ValidationMode mode) {
        ValidationReport report = validator.validate(parse("""
                {"resourceType":"Patient","gender":"robot"}"""), mode);

        assertRefusedWith(report, "Patient.gender", "robot");
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_bundleWhoseEntryBreaksTheBase_isRefusedInEitherModePointingAtTheEntry(ValidationMode mode) {
        ValidationReport report = validator.validate(parse("""
                {"resourceType":"Bundle","type":"collection","entry":[
                  {"fullUrl":"urn:uuid:0c3b1b6e-4a5c-4c27-9a3e-2b8f8a1d2f10",
                   "resource":{"resourceType":"Observation","code":{"text":"x"}}}]}"""), mode);

        assertRefusedWith(report, "Bundle.entry[0].resource", "Observation.status");
    }

    @Test
    void validate_plainR4ObservationWithoutProfile_isAcceptedWithoutErrors() {
        ValidationReport report = validator.validate(parse(PLAIN_OBSERVATION), ValidationMode.STRICT);

        assertThat(report.refused()).isFalse();
        assertThat(issuesOf(report, IssueSeverity.ERROR)).isEmpty();
        assertThat(issuesOf(report, IssueSeverity.FATAL)).isEmpty();
    }

    @Test
    void validate_unknownProfileAndUnknownCodeSystemInStrictMode_areWarningsOnly() {
        ValidationReport report = validator.validate(parse("""
                {"resourceType":"Observation","meta":{"profile":["http://example.org/StructureDefinition/nowhere"]},
                 "status":"final","code":{"coding":[{"system":"http://example.org/codes","code":"abc"}]},
                 "subject":{"reference":"Patient/1"},"language":"ja-JP"}"""), ValidationMode.STRICT);

        assertThat(report.refused()).as(diagnosticsOf(report)).isFalse();
        assertThat(issuesOf(report, IssueSeverity.WARNING))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("http://example.org/StructureDefinition/nowhere"))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("http://example.org/codes"));
    }

    @Test
    void validate_bundleRepeatingAnUnknownCodeSystem_namesItOnceButEachUnknownProfileAndEachErrorEveryTime() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (int i = 0; i < 3; i++) {
            Resource observation = parse(i == 2 ? """
                    {"resourceType":"Observation","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]}}"""
                    : """
                    {"resourceType":"Observation","meta":{"profile":["http://example.org/StructureDefinition/p%d"]},
                     "status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]}}""".formatted(i));
            bundle.addEntry().setFullUrl("urn:uuid:0c3b1b6e-4a5c-4c27-9a3e-2b8f8a1d2f1" + i).setResource(observation);
        }

        ValidationReport report = validator.validate(bundle, ValidationMode.LENIENT);

        assertThat(issuesOf(report, IssueSeverity.WARNING)).as(diagnosticsOf(report))
                .filteredOn(issue -> issue.getDiagnostics().contains("http://loinc.org")).hasSize(1);
        assertThat(issuesOf(report, IssueSeverity.WARNING))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("http://example.org/StructureDefinition/p0"))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("http://example.org/StructureDefinition/p1"));
        assertRefusedWith(report, "Bundle.entry[2].resource", "Observation.status");
    }

    @ParameterizedTest
    @EnumSource(ValidationMode.class)
    void validate_inputThatMakesHapiThrow_isNotRefusedAndNamesOnlyTheException(ValidationMode mode) {
        ValidationReport report = validator.validate(parse("""
                {"resourceType":"Observation","status":"final","code":{"text":"x"},
                 "subject":{"reference":"http://[x"}}"""), mode);

        assertThat(report.refused()).isFalse();
        assertThat(issuesOf(report, IssueSeverity.WARNING)).anySatisfy(issue -> assertThat(issue.getDiagnostics())
                .contains("FHIR R4 base specification could not be checked", "java.lang.StringIndexOutOfBoundsException")
                .doesNotContain("http://[x"));
    }

    @Test
    void validate_jpCorePatientWithoutTheIdentifierJpCoreRequiresInStrictMode_isRefused() throws IOException {
        ValidationReport report = validator.validate(patientWithoutIdentifier(), ValidationMode.STRICT);

        assertRefusedWith(report, "Patient", "Patient.identifier");
    }

    @Test
    void validate_jpCorePatientWithoutTheIdentifierJpCoreRequiresInLenientMode_isAcceptedWithAWarning() throws IOException {
        ValidationReport report = validator.validate(patientWithoutIdentifier(), ValidationMode.LENIENT);

        assertThat(report.refused()).isFalse();
        assertThat(issuesOf(report, IssueSeverity.WARNING))
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Patient.identifier"));
    }

    @Test
    void validate_bundleWithoutProfileHoldingAnEntryThatBreaksItsOwnProfileInStrictMode_isRefusedPointingAtTheEntry()
            throws IOException {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setFullUrl("urn:uuid:6f1f0f2e-7d1e-4b59-9a53-0c0f5b7a1e01")
                .setResource(example("jp-clins-examples", EYE_DROPS_ERROR_EXAMPLE));

        ValidationReport report = validator.validate(bundle, ValidationMode.STRICT);

        assertRefusedWith(report, "Bundle.entry[0].resource", "needs-anyOfStandardCode-medication");
    }

    @Test
    void validate_fromSeveralThreadsAtOnce_answersAsFromOne() throws Exception {
        List<Resource> inputs = List.of(parse(PLAIN_OBSERVATION), example("jp-clins-examples", EYE_DROPS_ERROR_EXAMPLE),
                example("jp-core-examples", "Patient-jp-patient-example-1.json"), patientWithoutIdentifier());
        List<Boolean> alone = inputs.stream().map(input -> validator.validate(input, ValidationMode.STRICT).refused()).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> together = pool.invokeAll(Stream.of(inputs, inputs, inputs).flatMap(List::stream)
                    .map(input -> (java.util.concurrent.Callable<Boolean>)
                            () -> validator.validate(input, ValidationMode.STRICT).refused())
                    .toList());
            for (int i = 0; i < together.size(); i++) {
                assertThat(together.get(i).get()).isEqualTo(alone.get(i % inputs.size()));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void validate_neverWritesTheInputOrTheFindingsToTheLog(CapturedOutput output) throws IOException {
        validator.validate(example("jp-core-examples", "Patient-jp-patient-example-1.json"), ValidationMode.STRICT);
        validator.validate(patientWithoutIdentifier(), ValidationMode.STRICT);
        validator.validate(example("jp-clins-examples", "Bundle-Bundle-CLINS-Referral-Example-01.json"), ValidationMode.STRICT);

        assertThat(output.getAll()).doesNotContain("山田", "ヤマダ", "0312345678", "minimum required", "Referral-Example-01");
    }

    private static void assertRefusedWith(ValidationReport report, String expression, String diagnostics) {
        assertThat(report.refused()).as(diagnosticsOf(report)).isTrue();
        assertThat(issuesOf(report, IssueSeverity.ERROR)).anySatisfy(issue -> {
            assertThat(issue.getExpression().get(0).getValue()).startsWith(expression);
            assertThat(issue.getLocation().get(0).getValue()).startsWith(expression);
            assertThat(issue.getDiagnostics()).contains(diagnostics);
            assertThat(issue.getCode()).isNotNull();
        });
    }

    private static Resource patientWithoutIdentifier() throws IOException {
        Patient patient = (Patient) example("jp-core-examples", "Patient-jp-patient-example-1.json");
        patient.getIdentifier().clear();
        return patient;
    }

    private static List<OperationOutcomeIssueComponent> issuesOf(ValidationReport report, IssueSeverity severity) {
        return report.outcome().getIssue().stream().filter(issue -> issue.getSeverity() == severity).toList();
    }

    private static String diagnosticsOf(ValidationReport report) {
        return report.outcome().getIssue().stream()
                .map(issue -> issue.getSeverity() + " @" + issue.getExpression() + " " + issue.getDiagnostics())
                .toList().toString();
    }

    /** Keeps malformed values as sent, as a lenient ingest would, so the validator sees them. */
    private static Resource parse(String json) {
        IParser parser = FHIR.newJsonParser()
                .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        return (Resource) parser.parseResource(json);
    }

    private static Resource example(String folder, String file) throws IOException {
        try (InputStream in = HapiInputValidatorTest.class.getResourceAsStream("/" + folder + "/" + file)) {
            return (Resource) FHIR.newJsonParser().parseResource(in);
        }
    }

    static Stream<String> jpClinsExamples() throws IOException, URISyntaxException {
        return jsonFilesIn("jp-clins-examples");
    }

    static Stream<String> jpCoreExamples() throws IOException, URISyntaxException {
        return jsonFilesIn("jp-core-examples");
    }

    private static Stream<String> jsonFilesIn(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(HapiInputValidatorTest.class.getResource("/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList().stream();
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
