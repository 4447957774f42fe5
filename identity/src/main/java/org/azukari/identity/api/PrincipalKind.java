package org.azukari.identity.api;

/** Every kind of caller the bank knows. People sign in to the portal; systems use OAuth client credentials. */
public enum PrincipalKind {
    RESIDENT(true),
    E_RESIDENT(true),
    PRACTITIONER(true),
    OPERATOR(true),
    AUDITOR(true),
    /** A hospital's, care provider's or payment provider's feed that pushes records. */
    SOURCE_FEED(false),
    /** A clinic's EMR reading consenting residents' records. */
    CLINIC_EMR(false),
    /** A health-advice service asking for approved datasets. */
    WELLNESS_SERVICE(false),
    /**
     * An auditor's system (the city's audit body) reading the access log as FHIR AuditEvents, and
     * nothing else: no record, no resident's data, no export, no ingest.
     */
    AUDIT_SYSTEM(false);

    private final boolean person;

    PrincipalKind(boolean person) {
        this.person = person;
    }

    public boolean isPerson() {
        return person;
    }

    public boolean isResident() {
        return this == RESIDENT || this == E_RESIDENT;
    }
}
