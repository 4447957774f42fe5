package org.azukari.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates input with HAPI's {@code FhirInstanceValidator} against FHIR R4 and the JP Core 1.1.2
 * and JP-CLINS 1.5.2 packages, offline. Build it once with {@link #withJapanesePackages()} (seconds:
 * it loads the definitions and warms the validator up) and share it: it is immutable and
 * thread-safe (HAPI's validators are; the warm-up also settles their lazily built state before
 * a second thread can see it).
 *
 * <p><b>Base errors and profile errors.</b> HAPI reports every issue the same way, whichever
 * definition it comes from, and its messages do not reliably name that definition (a constraint's
 * message id does; a cardinality or fixed-value message only sometimes). So the input is validated
 * twice: once by a validator that knows only the R4 base specification and ignores the profiles
 * it cannot know, and, only when the input or a resource inside it declares a profile, once by a
 * validator that also knows the Japanese packages. An error of the first pass breaks the base and
 * refuses the input in both modes; an error found only by the second comes from a profile, or from
 * a JP extension or value set, and refuses only in STRICT mode. This costs a second pass where a
 * profile is declared, but the base pass is the cheap one (no slicing, no JP constraints), and the
 * refusal decision is exact where reading messages would be guesswork. What no offline validator
 * can know (a code system or value set without a terminology server, a profile in no package) is
 * at most a warning in either pass: see {@link Findings}.
 *
 * <p><b>When HAPI fails.</b> The validator itself throws on some inputs (JP-CLINS's referral
 * document Bundle profile: {@code DefinitionException: Slice encountered midway through set}; a
 * reference such as {@code http://[x}: {@code StringIndexOutOfBoundsException}). Such a failure is
 * a warning naming the profile and the exception class, never a refusal; a Bundle is then checked
 * entry by entry, and what those out-of-context checks find is at most a warning, because an entry
 * checked without its Bundle can fail for reasons the Bundle would settle.
 *
 * <p>Issues quote the input, so they go back to the caller only; this class logs counts.
 */
public final class HapiInputValidator implements InputValidator {

    private static final Logger log = LoggerFactory.getLogger(HapiInputValidator.class);

    private final FhirContext fhir;
    private final FhirValidator baseOnly;
    private final FhirValidator withPackages;
    private final RepeatedUnknowables repeatedUnknowables;

    private final java.util.Set<String> japaneseProfiles;

    private HapiInputValidator(FhirContext fhir, FhirValidator baseOnly, FhirValidator withPackages,
                               java.util.Set<String> japaneseProfiles, RepeatedUnknowables repeatedUnknowables) {
        this.repeatedUnknowables = repeatedUnknowables;
        this.japaneseProfiles = japaneseProfiles;
        this.fhir = fhir;
        this.baseOnly = baseOnly;
        this.withPackages = withPackages;
    }

    /**
     * Loads the packages from the classpath and warms the validator up ({@link WarmUp}): expect
     * several seconds. The bank builds it before its web server starts, so no request meets it cold.
     */
    public static HapiInputValidator withJapanesePackages() {
        long started = System.nanoTime();
        FhirContext fhir = FhirContext.forR4Cached();
        HapiValidators validators = new HapiValidators(fhir);
        HapiInputValidator validator =
                new HapiInputValidator(fhir, validators.baseOnly(), validators.withJapanesePackages(),
                        validators.japaneseProfiles(), validators.repeatedUnknowables());
        for (int round = 0; round < WarmUp.ROUNDS; round++) {
            WarmUp.bundles().forEach(bundle -> validator.validate(bundle, ValidationMode.STRICT));
        }
        log.info("Input validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return validator;
    }

    @Override
    public ValidationReport validate(IBaseResource input, ValidationMode mode) {
        Objects.requireNonNull(input);
        Findings findings = new Findings(mode);
        check(input, input.fhirType(), true, false, findings);
        ValidationReport report = findings.report();
        log.debug("Validated one input in {} mode: {} issues, refused {}", mode, report.outcome().getIssue().size(),
                report.refused());
        return report;
    }

    /**
     * @param where the FHIRPath of {@code resource} in the input
     * @param runBase false when the base pass already covered the resource as part of its Bundle
     * @param bestEffort the resource is checked outside the Bundle it came in
     */
    private void check(IBaseResource resource, String where, boolean runBase, boolean bestEffort,
            Findings findings) {
        boolean profiled = declaresProfile(resource);
        boolean baseFailed = runBase && !checkBase(resource, where, profiled, findings);
        boolean profilesFailed = profiled && !checkProfiles(resource, where, bestEffort, findings);
        if ((baseFailed || profilesFailed) && resource instanceof Bundle bundle) {
            List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
            for (int i = 0; i < entries.size(); i++) {
                Resource entry = entries.get(i).getResource();
                if (entry != null) {
                    check(entry, where + ".entry[" + i + "].resource", baseFailed, true, findings);
                }
            }
        }
    }

    /** @return false if HAPI failed */
    private boolean checkBase(IBaseResource resource, String where, boolean profiled, Findings findings) {
        try {
            findings.addBase(repeatedUnknowables.within(() -> messages(baseOnly, resource, where)), !profiled);
            return true;
        } catch (RuntimeException failure) {
            findings.addValidatorFailure("The FHIR R4 base specification could not be checked: the validator failed with "
                    + failure.getClass().getName(), where);
            log.warn("FG-0411 the validator failed on the R4 base pass: {}", failure.getClass().getName());
            return false;
        }
    }

    /** @return false if HAPI failed */
    private boolean checkProfiles(IBaseResource resource, String where, boolean bestEffort, Findings findings) {
        try {
            findings.addProfiled(messages(withPackages, resource, where), bestEffort);
            return true;
        } catch (RuntimeException failure) {
            String fallback = resource instanceof Bundle ? "; its entries were checked one by one instead" : "";
            findings.addValidatorFailure(declaredProfiles(resource) + " could not be checked: the validator failed with "
                    + failure.getClass().getName() + fallback, where);
            log.warn("FG-0412 the validator failed on the profile pass: {}", failure.getClass().getName());
            return false;
        }
    }

    /** HAPI's messages, with locations made relative to the whole input. */
    private List<SingleValidationMessage> messages(FhirValidator validator, IBaseResource resource, String where) {
        List<SingleValidationMessage> messages = validator.validateWithResult(resource).getMessages();
        String type = resource.fhirType();
        for (SingleValidationMessage message : messages) {
            String location = message.getLocationString();
            if (location == null || !location.startsWith(type)) {
                message.setLocationString(where);
            } else if (!where.equals(type)) {
                message.setLocationString(where + location.substring(type.length()));
            }
        }
        return messages;
    }

    /**
     * Whether the resource, or one it contains or bundles, names in {@code meta.profile} a profile
     * of the Japanese packages. Others (US Core from Synthea, a vendor's own) are unknown to both
     * passes alike, so a second pass would find nothing the first did not, at twice the cost.
     */
    private boolean declaresProfile(IBaseResource resource) {
        return declaresJapaneseProfile(resource)
                || fhir.newTerser().getAllEmbeddedResources(resource, true).stream().anyMatch(this::declaresJapaneseProfile);
    }

    private boolean declaresJapaneseProfile(IBaseResource resource) {
        for (IPrimitiveType<String> profile : resource.getMeta().getProfile()) {
            String url = profile.getValueAsString();
            if (url != null && japaneseProfiles.contains(url.contains("|") ? url.substring(0, url.indexOf('|')) : url)) {
                return true;
            }
        }
        return false;
    }

    private static String declaredProfiles(IBaseResource resource) {
        List<? extends IPrimitiveType<String>> profiles = resource.getMeta().getProfile();
        if (profiles.isEmpty()) {
            return "The profiles declared inside this " + resource.fhirType();
        }
        return "Profile " + profiles.stream().map(IPrimitiveType::getValueAsString).collect(Collectors.joining(", "));
    }
}
