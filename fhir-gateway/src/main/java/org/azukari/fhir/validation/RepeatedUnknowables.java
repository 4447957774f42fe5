package org.azukari.fhir.validation;

import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;

/**
 * Tells HAPI's base pass to say each "could not be checked" finding once per kind of element, not
 * once per element. A Synthea Bundle of 500 entries draws some 2,400 of them ("CodeSystem is
 * unknown and can't be validated: http://loinc.org", "Profile reference … us-core-… has not been
 * checked"), and HAPI merges each new message into those already found by a linear search, so
 * their number made validation quadratic in the Bundle's size (issue 16).
 *
 * <p>A finding is repeated when its message id and its location with the indexes and resource ids
 * taken out ({@code ExplanationOfBenefit.item.adjudication.category.coding}) were seen before in the
 * same validation. Only the terminology ids of {@link Findings#UNKNOWABLE} are ever held back: those
 * are warnings in either mode whatever HAPI calls them, so no refusal depends on them. An unknown
 * profile is still named on each resource that declares it (the profile's URL is not in the
 * location, so one kind would hide the others). The price: a second unknown code system at the same
 * kind of element is not named again. Used by the base pass only, which knows no profile and so no
 * slicing whose matching could hinge on a held-back finding.
 *
 * <p>HAPI shares one advisor among all validations, so what was seen belongs to the thread that
 * runs one validation, between {@link #within} and its end; outside, nothing is held back.
 */
final class RepeatedUnknowables extends FhirDefaultPolicyAdvisor {

    // "Bundle.entry[3].resource/*Observation/abc*/.code.coding[0]" -> "Bundle.entry.resource:Observation.code.coding"
    private static final Pattern RESOURCE_COMMENT = Pattern.compile("/\\*(\\w+)[^*]*\\*/");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private static final Set<String> HELD_BACK = Findings.UNKNOWABLE.stream()
            .filter(id -> !id.toUpperCase(Locale.ROOT).startsWith("VALIDATION_VAL_PROFILE_UNKNOWN"))
            .collect(Collectors.toUnmodifiableSet());

    private final ThreadLocal<Set<String>> seen = new ThreadLocal<>();

    /** Runs one validation, holding back the repeated findings it draws. */
    <T> T within(Supplier<T> validation) {
        Set<String> outer = seen.get();
        seen.set(new HashSet<>());
        try {
            return validation.get();
        } finally {
            if (outer == null) {
                seen.remove();
            } else {
                seen.set(outer);
            }
        }
    }

    @Override
    public boolean isSuppressMessageId(String path, String messageId) {
        Set<String> found = seen.get();
        if (found == null || messageId == null || !HELD_BACK.contains(messageId)) {
            return super.isSuppressMessageId(path, messageId);
        }
        return !found.add(kindOf(path) + "|" + messageId) || super.isSuppressMessageId(path, messageId);
    }

    static String kindOf(String path) {
        String typed = RESOURCE_COMMENT.matcher(Objects.toString(path, "")).replaceAll(":$1");
        return INDEX.matcher(typed).replaceAll("");
    }
}
