package org.azukari.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r5.utils.validation.IValidationPolicyAdvisor;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;

/**
 * Builds the two HAPI validators {@link HapiInputValidator} runs: one that knows only the FHIR R4
 * base specification, and one that also knows the JP Core and JP-CLINS packages. Nothing here
 * reaches the network: there is no terminology server and no fetcher for unknown profiles.
 */
final class HapiValidators {

    /** JP Core first: JP-CLINS profiles are built on it. See the README next to the packages. */
    static final List<String> JAPANESE_PACKAGES = List.of(
            "classpath:org/azukari/fhir/validation/packages/jp-core.r4-1.1.2.tgz",
            "classpath:org/azukari/fhir/validation/packages/jp-clins.r4-1.5.2-snap.tgz");

    private final FhirContext fhir;
    // Shared by both chains: loading the R4 definitions is most of the start-up cost and memory.
    private final DefaultProfileValidationSupport r4Definitions;

    HapiValidators(FhirContext fhir) {
        this.fhir = fhir;
        this.r4Definitions = new DefaultProfileValidationSupport(fhir);
    }

    private final RepeatedUnknowables repeatedUnknowables = new RepeatedUnknowables();

    /** Holds back the base pass's repeated "could not be checked" findings: see {@link RepeatedUnknowables}. */
    RepeatedUnknowables repeatedUnknowables() {
        return repeatedUnknowables;
    }

    FhirValidator baseOnly() {
        return validatorOver(repeatedUnknowables, r4Definitions);
    }

    private final java.util.Set<String> japaneseProfiles = new java.util.HashSet<>();

    /** The canonical URLs of the StructureDefinitions in the Japanese packages (after {@link #withJapanesePackages()}). */
    java.util.Set<String> japaneseProfiles() {
        return java.util.Set.copyOf(japaneseProfiles);
    }

    FhirValidator withJapanesePackages() {
        NpmPackageValidationSupport packages = new NpmPackageValidationSupport(fhir);
        for (String resource : JAPANESE_PACKAGES) {
            try {
                packages.loadPackageFromClasspath(resource);
            } catch (IOException e) {
                throw new UncheckedIOException("FHIR package missing from the classpath: " + resource, e);
            }
        }
        for (org.hl7.fhir.instance.model.api.IBaseResource definition : packages.fetchAllStructureDefinitions()) {
            japaneseProfiles.add(((org.hl7.fhir.r4.model.StructureDefinition) definition).getUrl());
        }
        return validatorOver(new FhirDefaultPolicyAdvisor(), r4Definitions, packages);
    }

    private FhirValidator validatorOver(IValidationPolicyAdvisor advisor, IValidationSupport... definitions) {
        ValidationSupportChain chain = new ValidationSupportChain();
        for (IValidationSupport support : definitions) {
            chain.addValidationSupport(support);
        }
        chain.addValidationSupport(new CommonCodeSystemsTerminologyService(fhir));
        chain.addValidationSupport(new InMemoryTerminologyServerValidationSupport(fhir));
        chain.addValidationSupport(new SnapshotGeneratingValidationSupport(fhir));

        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setValidatorPolicyAdvisor(advisor);
        // An unknown profile is reported, never a reason to refuse (the base pass knows no profile at all).
        instanceValidator.setErrorForUnknownProfiles(false);
        // "Should have narrative" and the like would be on nearly every record a hospital sends.
        instanceValidator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);

        FhirValidator validator = fhir.newValidator();
        validator.setValidateAgainstStandardSchema(false);
        validator.setValidateAgainstStandardSchematron(false);
        validator.registerValidatorModule(instanceValidator);
        return validator;
    }
}
