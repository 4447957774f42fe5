package org.azukari.consent.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a consent (or a never-share mark) is about: a data category as a whole ({@code MEDICAL})
 * or a finer part of it ({@code MEDICAL/laboratory}), with the subcategories of the gateway's
 * classification rules (laboratory, vital-signs, medication, diagnosis, allergy, immunization,
 * claim, care-plan, ...).
 */
public record ConsentCategory(DataCategory category, Optional<String> subcategory) {

    private static final Pattern SUB = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    public ConsentCategory {
        Objects.requireNonNull(category);
        Objects.requireNonNull(subcategory);
        if (subcategory.filter(s -> !SUB.matcher(s).matches()).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0202, "malformed subcategory");
        }
    }

    public static ConsentCategory all(DataCategory category) {
        return new ConsentCategory(category, Optional.empty());
    }

    public static ConsentCategory of(DataCategory category, String subcategory) {
        return new ConsentCategory(category, Optional.of(subcategory));
    }

    /** Parses {@code MEDICAL} or {@code MEDICAL/laboratory}. */
    public static ConsentCategory parse(String text) {
        int slash = text.indexOf('/');
        try {
            return slash < 0 ? all(DataCategory.valueOf(text))
                    : of(DataCategory.valueOf(text.substring(0, slash)), text.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ConsentPolicyError.CP_0202, "malformed data category");
        }
    }

    /** Whether this (granted, or marked never-share) covers a record of {@code record}'s kind. */
    public boolean covers(ConsentCategory record) {
        return category == record.category && (subcategory.isEmpty() || subcategory.equals(record.subcategory));
    }

    @Override
    public String toString() {
        return category + subcategory.map(s -> "/" + s).orElse("");
    }
}
