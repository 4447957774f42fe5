package org.azukari.identity.api;

/**
 * What an organisation is. It bounds which kinds of OAuth client it may register: a clinic EMR
 * only for a clinic or hospital, a source feed only for a record-holding organisation, a
 * wellness service only for a wellness service, an audit system only for an audit body (the
 * city's office that audits the bank; it holds no records, has no practitioners and registers no
 * other kind of client).
 */
public enum OrganisationKind {
    HOSPITAL, CLINIC, CARE_PROVIDER, PAYMENT_PROVIDER, WELLNESS_SERVICE, AUDIT_BODY;

    /** Whether a client of {@code clientKind} may act for an organisation of this kind. */
    public boolean fits(PrincipalKind clientKind) {
        return switch (clientKind) {
            case SOURCE_FEED -> this != WELLNESS_SERVICE && this != AUDIT_BODY;
            case CLINIC_EMR -> this == CLINIC || this == HOSPITAL;
            case WELLNESS_SERVICE -> this == WELLNESS_SERVICE;
            case AUDIT_SYSTEM -> this == AUDIT_BODY;
            default -> false;
        };
    }
}
