package org.azukari.server.web;

import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ErrorCode;
import org.azukari.fhir.mapping.FhirGatewayError;

/** An operator asked about an object that does not exist (always {@code OP-0404}: existence does not leak). */
public final class NotFound extends RuntimeException implements Coded {

    public NotFound(String detail) {
        super(FhirGatewayError.OP_0404.message(detail), null, false, false);
    }

    @Override
    public ErrorCode errorCode() {
        return FhirGatewayError.OP_0404;
    }
}
