package org.azukari.identity.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SMART v2 system scope, {@code system/<Type>.<perms>}: a FHIR resource type (or {@code *})
 * and a non-empty subset of {@code cruds} in that order (create, read, update, delete, search).
 * Only the {@code system/} context exists here (backend services act for no user or patient);
 * SMART v1 forms ({@code .read}, {@code .write}) and query-parameter scopes are refused.
 */
public record SmartScope(String resourceType, String permissions) {

    public static final int MAX_LENGTH = 100;
    private static final String ORDER = "cruds";
    private static final Pattern TYPE = Pattern.compile("\\*|[A-Z][A-Za-z]{0,63}");
    private static final Pattern PERMISSIONS = Pattern.compile("c?r?u?d?s?");
    private static final Pattern SCOPE = Pattern.compile("system/([^.]+)\\.(.+)");

    public SmartScope {
        Objects.requireNonNull(resourceType);
        Objects.requireNonNull(permissions);
        if (!TYPE.matcher(resourceType).matches() || permissions.isEmpty()
                || !PERMISSIONS.matcher(permissions).matches()) {
            throw malformed();
        }
    }

    /** Parses {@code system/Observation.rs}; anything else fails with {@code ID-0212}, not echoed. */
    public static SmartScope parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw malformed();
        }
        Matcher m = SCOPE.matcher(text);
        if (!m.matches()) {
            throw malformed();
        }
        return new SmartScope(m.group(1), m.group(2));
    }

    /** Whether this scope allows {@code interaction} (one of {@code c r u d s}) on {@code resourceType}. */
    public boolean permits(String type, char interaction) {
        return ("*".equals(resourceType) || resourceType.equals(type)) && permissions.indexOf(interaction) >= 0;
    }

    /** What both this and {@code other} allow, if anything: the narrower type and the common interactions. */
    public Optional<SmartScope> intersect(SmartScope other) {
        String type;
        if (resourceType.equals(other.resourceType) || "*".equals(other.resourceType)) {
            type = resourceType;
        } else if ("*".equals(resourceType)) {
            type = other.resourceType;
        } else {
            return Optional.empty();
        }
        StringBuilder common = new StringBuilder();
        for (char c : ORDER.toCharArray()) {
            if (permissions.indexOf(c) >= 0 && other.permissions.indexOf(c) >= 0) {
                common.append(c);
            }
        }
        return common.isEmpty() ? Optional.empty() : Optional.of(new SmartScope(type, common.toString()));
    }

    @Override
    public String toString() {
        return "system/" + resourceType + "." + permissions;
    }

    private static OrganisationRegistryException malformed() {
        return new OrganisationRegistryException(OrganisationRegistryException.MALFORMED_SCOPE, "malformed SMART scope");
    }
}
