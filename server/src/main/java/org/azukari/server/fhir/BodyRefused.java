package org.azukari.server.fhir;

import java.io.IOException;
import org.azukari.consent.api.Coded;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A {@code /fhir} request body refused before HAPI sees it. An {@link IOException} so that it can
 * leave the stream that counts the bytes.
 *
 * @see FhirBodyLimitFilter
 */
final class BodyRefused extends IOException implements Coded {

    private final int status;
    private final IssueType type;
    private final FhirGatewayError code;

    /** @param detail a text that never quotes the body; the diagnostics are the code, then this */
    BodyRefused(int status, IssueType type, FhirGatewayError code, String detail) {
        super(code.message(detail), null);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    @Override
    public FhirGatewayError errorCode() {
        return code;
    }

    int status() {
        return status;
    }

    IssueType type() {
        return type;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a refusal, not a fault: no stack to keep
    }
}
