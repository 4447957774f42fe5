package org.azukari.consent.api;

/**
 * A consent change that is not allowed: unknown consent (or one of another resident: the same
 * answer, so existence does not leak), or a state that does not allow it (answering what is no
 * longer proposed, withdrawing twice). Codes {@code CP-0220} (not found) and {@code CP-0221};
 * {@code CP-0410}: a dataset request approved without a privacy impact assessment of it.
 */
public final class ConsentChangeRefusedException extends RuntimeException implements Coded {

    public static final ConsentPolicyError NOT_FOUND = ConsentPolicyError.CP_0220;
    public static final ConsentPolicyError WRONG_STATE = ConsentPolicyError.CP_0221;
    public static final ConsentPolicyError NO_ASSESSMENT = ConsentPolicyError.CP_0410;
    private final ConsentPolicyError code;

    public ConsentChangeRefusedException(ConsentPolicyError code, String message) {
        super(code.message(message), null, false, false);
        this.code = code;
    }

    public String code() {
        return code.code();
    }

    @Override
    public ErrorCode errorCode() {
        return code;
    }

    public boolean notFound() {
        return code == NOT_FOUND;
    }
}
