package org.azukari.fhir.audit;

import org.azukari.consent.api.Coded;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * A search of the access log answered with an error: a stable code ({@code FG-074n}) answered with
 * its catalogued status. The message names the parameter at most, never a value the caller sent.
 */
public final class AuditSearchRefusedException extends RuntimeException implements Coded {

    private final FhirGatewayError code;

    AuditSearchRefusedException(FhirGatewayError code, String message) {
        super(code.message(message), null, false, false);
        this.code = code;
    }

    public int status() {
        return code.status();
    }

    @Override
    public FhirGatewayError errorCode() {
        return code;
    }

    static AuditSearchRefusedException unknownParameter() {
        return new AuditSearchRefusedException(FhirGatewayError.FG_0741, "this search takes patient, date, agent,"
                + " entity, type, subtype, outcome, _count and its own paging links' _before; no other parameter"
                + " or modifier");
    }

    static AuditSearchRefusedException malformed(String parameter) {
        return new AuditSearchRefusedException(FhirGatewayError.FG_0742, "the value of " + parameter + " is not valid");
    }

    static AuditSearchRefusedException repeated(String parameter) {
        return new AuditSearchRefusedException(FhirGatewayError.FG_0743, parameter + " takes one value here");
    }

    static AuditSearchRefusedException unmatchable(String parameter) {
        return new AuditSearchRefusedException(FhirGatewayError.FG_0744, "the access log cannot be searched by this "
                + parameter + " (see the CapabilityStatement for what each parameter takes)");
    }
}
