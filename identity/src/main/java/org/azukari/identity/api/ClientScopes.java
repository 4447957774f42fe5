package org.azukari.identity.api;

/**
 * Which SMART scopes a kind of system client may be allowed at all. The access log is read by
 * audit systems alone, and they read nothing else: an {@link PrincipalKind#AUDIT_SYSTEM} may only
 * be allowed {@code system/AuditEvent} with read and search ({@code r}, {@code s}); no other kind
 * may be allowed a scope that names {@code AuditEvent}. (A wildcard {@code system/*} scope of
 * another kind does not reach the log either: the FHIR gateway serves AuditEvents to audit systems
 * only.)
 */
public final class ClientScopes {

    /** The one resource type an audit system reads. */
    public static final String AUDIT_EVENT = "AuditEvent";

    private ClientScopes() {
    }

    /** Whether a client of {@code kind} may be allowed (or granted) {@code scope}. */
    public static boolean fits(PrincipalKind kind, SmartScope scope) {
        boolean auditEvents = AUDIT_EVENT.equals(scope.resourceType());
        if (kind == PrincipalKind.AUDIT_SYSTEM) {
            return auditEvents && scope.permissions().chars().allMatch(c -> c == 'r' || c == 's');
        }
        return !auditEvents;
    }
}
