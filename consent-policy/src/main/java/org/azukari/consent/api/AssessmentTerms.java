package org.azukari.consent.api;

import java.util.Objects;
import java.util.Set;

/**
 * What a privacy impact assessment says, as the operator (the bank's reviewer) wrote it: the
 * purpose of the use, the data items by category, who receives the data, how long they keep it,
 * the risks and how each is mitigated, and the service's privacy contact. Free text is the
 * operator's; it is shown to residents and always escaped. Each text must be 1 to its limit
 * characters without control characters other than line breaks ({@code CP-0401}); at least one
 * data category ({@code CP-0211}).
 */
public record AssessmentTerms(String purpose, Set<ConsentCategory> dataItems, String recipients, String retention,
                              String risks, String mitigations, PrivacyContact contact) {

    public static final int MAX_PURPOSE = 1000;
    public static final int MAX_RECIPIENTS = 1000;
    public static final int MAX_RETENTION = 500;
    public static final int MAX_RISKS = 2000;

    public AssessmentTerms {
        Objects.requireNonNull(contact, "contact");
        dataItems = Set.copyOf(Objects.requireNonNull(dataItems, "data items"));
        if (dataItems.isEmpty()) {
            throw new BadInputException(ConsentPolicyError.CP_0211, "an assessment names at least one data category");
        }
        if (!text(purpose, MAX_PURPOSE) || !text(recipients, MAX_RECIPIENTS) || !text(retention, MAX_RETENTION)
                || !text(risks, MAX_RISKS) || !text(mitigations, MAX_RISKS)) {
            throw new BadInputException(ConsentPolicyError.CP_0401, "an assessment needs purpose, recipients, retention, risks"
                    + " and mitigations within their lengths");
        }
    }

    static boolean text(String value, int max) {
        return value != null && !value.isBlank() && value.length() <= max
                && value.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r');
    }
}
