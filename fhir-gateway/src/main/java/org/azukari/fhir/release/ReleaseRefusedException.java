package org.azukari.fhir.release;

/**
 * A release request that is answered with an error: an HTTP status and a stable code
 * ({@code FG-07nn}). The message names ids and codes only, never health data.
 */
public final class ReleaseRefusedException extends RuntimeException {

    private final int status;
    private final String code;

    public ReleaseRefusedException(int status, String code, String message) {
        super(code + " " + message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The one answer for an unknown pseudonym, another resident's data and anything not released. */
    public static ReleaseRefusedException notFound() {
        return new ReleaseRefusedException(404, "FG-0704", "no such resource, or nothing released to you");
    }

    /** The key vault cannot be asked (unreachable, sealed, or it refused): nothing is released, try again later. */
    public static ReleaseRefusedException keyVaultUnavailable() {
        return new ReleaseRefusedException(503, "FG-0707", "the key vault is unavailable; nothing was released");
    }
}
