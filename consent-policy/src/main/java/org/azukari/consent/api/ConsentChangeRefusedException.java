package org.azukari.consent.api;

/**
 * A consent change that is not allowed: unknown consent (or one of another resident: the same
 * answer, so existence does not leak), or a state that does not allow it (answering what is no
 * longer proposed, withdrawing twice). Codes {@code CP-0220} (not found) and {@code CP-0221};
 * {@code CP-0410}: a dataset request approved without a privacy impact assessment of it.
 */
public final class ConsentChangeRefusedException extends RuntimeException {

    public static final String NOT_FOUND = "CP-0220";
    public static final String WRONG_STATE = "CP-0221";
    public static final String NO_ASSESSMENT = "CP-0410";
    private final String code;

    public ConsentChangeRefusedException(String code, String message) {
        super(code + " " + message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean notFound() {
        return NOT_FOUND.equals(code);
    }
}
