package org.azukari.consent.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentPolicyError;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.consent.emergency.*}: how long a break-glass opening lasts (default 24 hours, at
 * most 7 days) and which kinds of data it covers (default allergies, medications, conditions,
 * immunisations, in the gateway's subcategory names). Checked at start-up.
 */
@ConfigurationProperties("azukari.consent.emergency")
public record EmergencySettings(@DefaultValue("24h") Duration duration,
                                @DefaultValue({"MEDICAL/allergy", "MEDICAL/medication", "MEDICAL/diagnosis",
                                        "MEDICAL/immunization"}) List<String> categories) {

    public EmergencySettings {
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
            throw new BadInputException(ConsentPolicyError.CP_0240, "azukari.consent.emergency.duration must be positive and"
                    + " at most 7 days");
        }
        if (categories == null || categories.isEmpty()) {
            throw new BadInputException(ConsentPolicyError.CP_0241, "azukari.consent.emergency.categories must not be empty");
        }
        categories = List.copyOf(categories);
        categorySet(categories);
    }

    public Set<ConsentCategory> categorySet() {
        return categorySet(categories);
    }

    private static Set<ConsentCategory> categorySet(List<String> categories) {
        return categories.stream().map(String::strip).map(ConsentCategory::parse).collect(Collectors.toSet());
    }
}
