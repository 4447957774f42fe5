package org.azukari.fhir.pull;

import java.util.Objects;
import org.azukari.consent.api.Coded;
import org.azukari.fhir.mapping.FhirGatewayError;

/** A pull of one target failed; carries the {@link PullError} recorded on its cursor. */
public class PullFailure extends RuntimeException implements Coded {

    private final FhirGatewayError code;
    private final transient PullError error;

    public PullFailure(FhirGatewayError code, String text) {
        this(code, text, null);
    }

    public PullFailure(FhirGatewayError code, String text, Throwable cause) {
        this(code, new PullError(code, text), cause);
    }

    private PullFailure(FhirGatewayError code, PullError error, Throwable cause) {
        super(error.toString(), cause);
        this.code = code;
        this.error = Objects.requireNonNull(error);
    }

    @Override
    public FhirGatewayError errorCode() {
        return code;
    }

    public PullError error() {
        return error;
    }
}
