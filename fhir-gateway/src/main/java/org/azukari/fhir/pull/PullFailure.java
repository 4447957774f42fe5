package org.azukari.fhir.pull;

import java.util.Objects;

/** A pull of one target failed; carries the {@link PullError} recorded on its cursor. */
public class PullFailure extends RuntimeException {

    private final transient PullError error;

    public PullFailure(String code, String text) {
        this(new PullError(code, text), null);
    }

    public PullFailure(String code, String text, Throwable cause) {
        this(new PullError(code, text), cause);
    }

    private PullFailure(PullError error, Throwable cause) {
        super(error.toString(), cause);
        this.error = Objects.requireNonNull(error);
    }

    public PullError error() {
        return error;
    }
}
