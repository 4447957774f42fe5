package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module dependency direction of docs/architecture.md, and the rule that a module uses
 * another only through its {@code api} package. Run over the main classes of every module.
 */
class ModuleBoundariesTest {

    /**
     * The fhir-gateway's public face: what ui and server may use of it (docs/architecture.md,
     * "fhir-gateway's public face"). Whole packages that are the face by nature...
     */
    private static final Set<String> GATEWAY_FACE_PACKAGES = Set.of(
            "org.azukari.fhir.mapping", "org.azukari.fhir.classification", "org.azukari.fhir.breach");

    /** ...and, from the feature packages, these types (nested types go with their class). The rest is internal. */
    private static final Set<String> GATEWAY_FACE_TYPES = Set.of(
            // configuration the server's wiring reads
            "org.azukari.fhir.admission.AdmissionProperties",
            "org.azukari.fhir.config.GatewayProperties",
            // the FHIR edge the server's filters and Shiro adapter plug into
            "org.azukari.fhir.server.FhirCallers",
            "org.azukari.fhir.validation.JsonPreScan",
            "org.azukari.fhir.validation.JsonRefusal",
            "org.azukari.fhir.validation.ValidationMode",
            // ingest: the source URI prefix and the sources' warnings the operator sees
            "org.azukari.fhir.ingest.BankIngest",
            "org.azukari.fhir.ingest.SourceWarnings",
            // pull: the operator's pull sources
            "org.azukari.fhir.pull.PullCursor",
            "org.azukari.fhir.pull.PullError",
            "org.azukari.fhir.pull.PullScheduler",
            "org.azukari.fhir.pull.PullSource",
            "org.azukari.fhir.pull.PullSourceId",
            "org.azukari.fhir.pull.PullSources",
            "org.azukari.fhir.pull.PullStatus",
            "org.azukari.fhir.pull.PullStore",
            "org.azukari.fhir.pull.PullTargets",
            "org.azukari.fhir.pull.UpstreamIdentifier",
            // release: the clinic view, receipts, share codes, consent requests
            "org.azukari.fhir.release.ConsentRequests",
            "org.azukari.fhir.release.EverythingQuery",
            "org.azukari.fhir.release.PseudonymDirectory",
            "org.azukari.fhir.release.Pseudonyms",
            "org.azukari.fhir.release.ReceiptFacts",
            "org.azukari.fhir.release.ReceiptStore",
            "org.azukari.fhir.release.Receipts",
            "org.azukari.fhir.release.RecipientPseudonym",
            "org.azukari.fhir.release.Release",
            "org.azukari.fhir.release.ReleaseCaller",
            "org.azukari.fhir.release.ReleaseRefusedException",
            "org.azukari.fhir.release.Released",
            "org.azukari.fhir.release.SearchMatcher",
            "org.azukari.fhir.release.ShareCodeExchange",
            "org.azukari.fhir.release.ShareCodes",
            // export: dataset exports and their jobs
            "org.azukari.fhir.export.DatasetExports",
            "org.azukari.fhir.export.ExportJob",
            "org.azukari.fhir.export.ExportRefusedException",
            "org.azukari.fhir.export.ExportJobStore");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.azukari");
    }

    @Test
    void everyModule_isImported_soNoRuleHoldsVacuously() {
        assertThat(classes.stream().map(JavaClass::getPackageName))
                .anyMatch(p -> p.startsWith("org.azukari.consent"))
                .anyMatch(p -> p.startsWith("org.azukari.accesslog.search"))
                .anyMatch(p -> p.startsWith("org.azukari.identity"))
                .anyMatch(p -> p.startsWith("org.azukari.trustbank.keys.vault"))
                .anyMatch(p -> p.startsWith("org.azukari.trustbank.records.jdbc"))
                .anyMatch(p -> p.startsWith("org.azukari.server"));
    }

    @Test
    void consentPolicy_dependsOnNoOtherModule() {
        check(noClasses().that().resideInAPackage("org.azukari.consent..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.azukari.accesslog..", "org.azukari.identity..", "org.azukari.trustbank..",
                        "org.azukari.fhir..", "org.azukari.ui..", "org.azukari.server.."));
    }

    @Test
    void consentPolicy_knowsNoCryptoLibrary_andNoElasticsearch() {
        check(noClasses().that().resideInAPackage("org.azukari.consent..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javax.crypto..", "com.google.crypto.tink..", "co.elastic..", "org.elasticsearch.."));
    }

    @Test
    void accessLog_dependsOnlyOnConsentPolicy() {
        check(noClasses().that().resideInAPackage("org.azukari.accesslog..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.azukari.identity..", "org.azukari.trustbank..", "org.azukari.fhir..", "org.azukari.ui..",
                        "org.azukari.server.."));
    }

    /** The access log is reached through consent-policy's {@code api} seams; Spring wires its beans. */
    @Test
    void otherModules_neverImportTheAccessLog() {
        check(noClasses().that().resideOutsideOfPackage("org.azukari.accesslog..")
                .should().dependOnClassesThat().resideInAPackage("org.azukari.accesslog.."));
    }

    @Test
    void onlyTheAccessLogSearch_usesTheElasticsearchClient() {
        check(noClasses().that().resideOutsideOfPackage("org.azukari.accesslog.search..")
                .should().dependOnClassesThat().resideInAnyPackage("co.elastic..", "org.elasticsearch.."));
    }

    @Test
    void trustBank_dependsOnlyOnConsentPolicy() {
        check(noClasses().that().resideInAPackage("org.azukari.trustbank..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.azukari.identity..", "org.azukari.fhir..", "org.azukari.ui..", "org.azukari.server.."));
    }

    @Test
    void identity_dependsOnlyOnConsentPolicy() {
        check(noClasses().that().resideInAPackage("org.azukari.identity..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.azukari.trustbank..", "org.azukari.fhir..", "org.azukari.ui..", "org.azukari.server.."));
    }

    @Test
    void otherModules_useIdentityOnlyThroughItsApi() {
        check(noClasses().that().resideOutsideOfPackage("org.azukari.identity..")
                .should().dependOnClassesThat(internalsOf("org.azukari.identity")));
    }

    @Test
    void fhirGateway_neverReachesUpToUiOrServer() {
        check(noClasses().that().resideInAPackage("org.azukari.fhir..")
                .should().dependOnClassesThat().resideInAnyPackage("org.azukari.ui..", "org.azukari.server.."));
    }

    @Test
    void uiAndServer_useTheFhirGatewayOnlyThroughItsPublicFace() {
        check(noClasses().that().resideInAnyPackage("org.azukari.ui..", "org.azukari.server..")
                .should().dependOnClassesThat(gatewayInternals()));
    }

    @Test
    void theFhirGatewaysPublicFace_namesOnlyTypesThatExist() {
        assertThat(GATEWAY_FACE_TYPES).allSatisfy(name -> assertThat(classes.contain(name)).as(name).isTrue());
        assertThat(GATEWAY_FACE_PACKAGES).allSatisfy(name ->
                assertThat(classes.stream().map(JavaClass::getPackageName)).as(name).contains(name));
    }

    @Test
    void ui_neverReachesUpToServer() {
        check(noClasses().that().resideInAPackage("org.azukari.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.azukari.server.."));
    }

    @Test
    void otherModules_useTheTrustBankOnlyThroughItsApi() {
        check(noClasses().that().resideOutsideOfPackage("org.azukari.trustbank..")
                .should().dependOnClassesThat(internalsOf("org.azukari.trustbank")));
    }

    @Test
    void otherModules_useConsentPolicyOnlyThroughItsApi() {
        check(noClasses().that().resideOutsideOfPackage("org.azukari.consent..")
                .should().dependOnClassesThat(internalsOf("org.azukari.consent")));
    }

    @Test
    void onlyTheVaultAdapter_usesTheVaultDriver() {
        check(noClasses().that().resideOutsideOfPackage("org.azukari.trustbank.keys.vault..")
                .should().dependOnClassesThat().resideInAPackage("io.github.jopenlibs.vault.."));
    }

    @Test
    void onlyPersistenceAdapters_useJdbc() {
        check(noClasses().that().resideOutsideOfPackages("..jdbc..", "..config..")
                .and().haveSimpleNameNotStartingWith("Jdbc")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.springframework.jdbc.."));
    }

    @Test
    void everySealedByte_goesThroughTinksAead_noModuleDrivesACipherByHand() {
        check(noClasses().that().resideInAPackage("org.azukari..")
                .should().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.Cipher")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.crypto.spec.GCMParameterSpec"));
    }

    private static DescribedPredicate<JavaClass> gatewayInternals() {
        return DescribedPredicate.describe("are fhir-gateway internals (outside its public face)", c -> {
            if (!c.getPackageName().startsWith("org.azukari.fhir.") || GATEWAY_FACE_PACKAGES.contains(c.getPackageName())) {
                return false;
            }
            String topLevel = c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$')) : c.getName();
            return !GATEWAY_FACE_TYPES.contains(topLevel);
        });
    }

    private static DescribedPredicate<JavaClass> internalsOf(String module) {
        return DescribedPredicate.describe("internals of " + module,
                c -> c.getPackageName().startsWith(module + ".") && !c.getPackageName().startsWith(module + ".api"));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
