package org.azukari.trustbank.api;

import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ErrorCode;

/**
 * Every failure of the trust bank carries a stable code ({@code TB-nnnn}) and ids at most.
 * Messages never hold record contents, names, source identifiers or key material, so they
 * are safe to log and to map to an error response at an edge.
 */
public abstract sealed class TrustBankException extends RuntimeException implements Coded
        permits KeyVaultUnavailableException, KeyVaultDeniedException, ResidentKeyDestroyedException,
                UnreadableRecordException, RecordNotFoundException, VersionConflictException,
                ResidentNotEnrolledException, ResidentErasedException, InvalidRecordException,
                ErasureLedgerUnavailableException {

    private final TrustBankError code;

    protected TrustBankException(TrustBankError code, String message, Throwable cause) {
        super(code.message(message), cause, false, false);
        this.code = code;
    }

    protected TrustBankException(TrustBankError code, String message) {
        this(code, message, null);
    }

    public String code() {
        return code.code();
    }

    @Override
    public ErrorCode errorCode() {
        return code;
    }
}
