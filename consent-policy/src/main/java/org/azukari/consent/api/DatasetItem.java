package org.azukari.consent.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One concrete item a wellness service asks for: a resource type and, optionally, a code that
 * narrows it ({@code Observation} with LOINC {@code 4548-4} for HbA1c; {@code ExplanationOfBenefit}
 * with a claim type code for payment totals by kind). Without a code, every record of the type
 * within the approved categories.
 */
public record DatasetItem(String resourceType, Optional<String> system, Optional<String> code) {

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e&&[^|]]{1,200}");

    public DatasetItem {
        Objects.requireNonNull(resourceType);
        system = Objects.requireNonNull(system);
        code = Objects.requireNonNull(code);
        if (!TYPE.matcher(resourceType).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0302, "malformed resource type in a dataset item");
        }
        if (system.isPresent() && code.isEmpty()) {
            throw new BadInputException(ConsentPolicyError.CP_0302, "a dataset item's system needs a code");
        }
        if (system.map(s -> !TOKEN.matcher(s).matches()).orElse(false)
                || code.map(c -> !TOKEN.matcher(c).matches()).orElse(false)) {
            throw new BadInputException(ConsentPolicyError.CP_0302, "malformed system or code in a dataset item");
        }
    }

    /** {@code Type}, {@code Type|code} or {@code Type|system|code}. */
    public static DatasetItem parse(String text) {
        String[] parts = Objects.requireNonNull(text).split("\\|", -1);
        return switch (parts.length) {
            case 1 -> new DatasetItem(parts[0], Optional.empty(), Optional.empty());
            case 2 -> new DatasetItem(parts[0], Optional.empty(), Optional.of(parts[1]));
            case 3 -> new DatasetItem(parts[0], Optional.of(parts[1]), Optional.of(parts[2]));
            default -> throw new BadInputException(ConsentPolicyError.CP_0302, "a dataset item is Type, Type|code or Type|system|code");
        };
    }

    @Override
    public String toString() {
        return resourceType + code.map(c -> system.map(s -> "|" + s).orElse("") + "|" + c).orElse("");
    }
}
