package org.azukari.fhir.export;

import org.azukari.consent.api.Coded;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * A dataset export request answered with an error: an HTTP status and a stable export code
 * ({@code EX-07nn}). The export's own refusal, apart from a release's ({@code FG-07nn},
 * {@code ReleaseRefusedException}). The message names ids and codes only, never health data.
 */
public final class ExportRefusedException extends RuntimeException implements Coded {

    private final int status;
    private final FhirGatewayError code;

    public ExportRefusedException(int status, FhirGatewayError code, String message) {
        super(code.message(message), null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    @Override
    public FhirGatewayError errorCode() {
        return code;
    }

    /** The one answer for an unknown export, or another caller's. */
    public static ExportRefusedException noSuchExport() {
        return new ExportRefusedException(404, FhirGatewayError.EX_0714, "no such export");
    }
}
