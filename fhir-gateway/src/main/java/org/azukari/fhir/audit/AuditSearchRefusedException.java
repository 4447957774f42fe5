package org.azukari.fhir.audit;

/**
 * A search of the access log answered with an error: an HTTP status and a stable code
 * ({@code FG-074n}). The message names the parameter at most, never a value the caller sent.
 */
public final class AuditSearchRefusedException extends RuntimeException {

    private final int status;

    AuditSearchRefusedException(int status, String code, String message) {
        super(code + " " + message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static AuditSearchRefusedException unknownParameter() {
        return new AuditSearchRefusedException(400, "FG-0741", "this search takes patient, date, agent, entity, type,"
                + " subtype, outcome, _count and its own paging links' _before; no other parameter or modifier");
    }

    static AuditSearchRefusedException malformed(String parameter) {
        return new AuditSearchRefusedException(400, "FG-0742", "the value of " + parameter + " is not valid");
    }

    static AuditSearchRefusedException repeated(String parameter) {
        return new AuditSearchRefusedException(400, "FG-0743", parameter + " takes one value here");
    }

    static AuditSearchRefusedException unmatchable(String parameter) {
        return new AuditSearchRefusedException(400, "FG-0744", "the access log cannot be searched by this " + parameter
                + " (see the CapabilityStatement for what each parameter takes)");
    }
}
