package org.azukari.identity.api;

import java.util.Objects;
import java.util.Set;
import org.azukari.consent.api.Purpose;

/**
 * A registered organisation and the purposes it may ever ask for (each must be in the purpose
 * catalogue). A purpose listed here is a ceiling, not a permission: consent still decides.
 */
public record Organisation(OrganisationId id, OrganisationKind kind, String displayName, Set<Purpose> purposes) {

    public static final int MAX_DISPLAY_NAME = 200;

    public Organisation {
        Objects.requireNonNull(id, "organisation id");
        Objects.requireNonNull(kind, "organisation kind");
        Objects.requireNonNull(displayName, "display name");
        purposes = Set.copyOf(Objects.requireNonNull(purposes, "purposes"));
        if (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME
                || displayName.chars().anyMatch(Character::isISOControl)) {
            throw new OrganisationRegistryException(OrganisationRegistryException.MALFORMED_DISPLAY_NAME,
                    "malformed display name");
        }
    }
}
