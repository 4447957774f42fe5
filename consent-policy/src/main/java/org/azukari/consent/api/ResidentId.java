package org.azukari.consent.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The bank's internal identifier of a resident or e-resident. It never leaves the bank:
 * recipients see a {@code RecipientPseudonym}, sources see their own identifiers.
 */
public record ResidentId(UUID value) {

    public ResidentId {
        Objects.requireNonNull(value, "resident id");
    }

    public static ResidentId random() {
        return new ResidentId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; anything else is refused. */
    public static ResidentId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new BadInputException(ConsentPolicyError.CP_0001, "malformed resident id");
        }
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new BadInputException(ConsentPolicyError.CP_0001, "malformed resident id");
            }
            return new ResidentId(uuid);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ConsentPolicyError.CP_0001, "malformed resident id");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
