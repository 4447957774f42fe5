package org.azukari.ui.clinic;

import org.azukari.consent.api.Coded;
import org.azukari.fhir.mapping.FhirGatewayError;

/** The practitioner may not do this (403): a stable code only, never the input. */
final class ClinicRefused extends RuntimeException implements Coded {

    private final FhirGatewayError code;

    ClinicRefused(FhirGatewayError code) {
        super(code.code(), null, false, false);
        this.code = code;
    }

    /** The code the error page shows. */
    String code() {
        return code.code();
    }

    @Override
    public FhirGatewayError errorCode() {
        return code;
    }
}
