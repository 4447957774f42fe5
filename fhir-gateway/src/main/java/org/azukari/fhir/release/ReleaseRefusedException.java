package org.azukari.fhir.release;

import org.azukari.consent.api.Coded;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * A release request that is answered with an error: an HTTP status and a stable code
 * ({@code FG-07nn}). The message names ids and codes only, never health data.
 */
public final class ReleaseRefusedException extends RuntimeException implements Coded {

    private final int status;
    private final FhirGatewayError code;

    /** @throws IllegalArgumentException for an export code: an export refuses with {@code ExportRefusedException} */
    public ReleaseRefusedException(int status, FhirGatewayError code, String message) {
        super(code.message(message), null, false, false);
        if (!code.code().startsWith("FG-")) {
            throw new IllegalArgumentException(code.code() + " is not a release code");
        }
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code.code();
    }

    @Override
    public FhirGatewayError errorCode() {
        return code;
    }

    /** The one answer for an unknown pseudonym, another resident's data and anything not released. */
    public static ReleaseRefusedException notFound() {
        return new ReleaseRefusedException(404, FhirGatewayError.FG_0704, "no such resource, or nothing released to you");
    }

    /** The key vault cannot be asked (unreachable, sealed, or it refused): nothing is released, try again later. */
    public static ReleaseRefusedException keyVaultUnavailable() {
        return new ReleaseRefusedException(503, FhirGatewayError.FG_0707, "the key vault is unavailable; nothing was released");
    }
}
