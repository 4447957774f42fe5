package org.azukari.identity.api;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SMART scopes granted to a system caller's access token. The bearer-token realm puts one of
 * these into the subject's principal collection next to the {@link Caller}; read it with
 * {@code subject.getPrincipals().oneByType(SmartScopes.class)} and ask {@link #permits}. Shiro
 * permissions answer which organisation the caller acts for; these answer which FHIR
 * interactions it was granted.
 */
public record SmartScopes(Set<SmartScope> scopes) {

    public static final int MAX_SCOPES = 50;

    public SmartScopes {
        scopes = Set.copyOf(Objects.requireNonNull(scopes));
    }

    /** Parses a space-separated {@code scope} parameter or claim; fails with {@code ID-0212} on any malformed entry. */
    public static SmartScopes parse(String text) {
        if (text == null || text.length() > MAX_SCOPES * (SmartScope.MAX_LENGTH + 1)) {
            throw new OrganisationRegistryException(OrganisationRegistryException.MALFORMED_SCOPE, "malformed SMART scope");
        }
        Set<SmartScope> parsed = new LinkedHashSet<>();
        for (String part : text.trim().split(" +")) {
            if (!part.isEmpty()) {
                parsed.add(SmartScope.parse(part));
            }
        }
        if (parsed.size() > MAX_SCOPES) {
            throw new OrganisationRegistryException(OrganisationRegistryException.MALFORMED_SCOPE, "too many scopes");
        }
        return new SmartScopes(parsed);
    }

    public boolean permits(String resourceType, char interaction) {
        return scopes.stream().anyMatch(s -> s.permits(resourceType, interaction));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    /** Space-separated, sorted: the form of the {@code scope} response member and token claim. */
    public String text() {
        return scopes.stream().map(SmartScope::toString).sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "SmartScopes[" + text() + "]";
    }
}
