package org.azukari.server.fhir;

import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A {@code /fhir} request body refused before HAPI sees it. An {@link IOException} so that it can
 * leave the stream that counts the bytes.
 *
 * @see FhirBodyLimitFilter
 */
final class BodyRefused extends IOException {

    private final int status;
    private final IssueType type;

    /** @param diagnostics the code and a text that never quotes the body */
    BodyRefused(int status, IssueType type, String diagnostics) {
        super(diagnostics, null);
        this.status = status;
        this.type = type;
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
