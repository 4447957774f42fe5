package org.azukari.trustbank.api;

/**
 * The erasure ledger cannot be written (its file system read-only, full, or its path unusable): the
 * erasure is refused before the resident's key is touched, so nothing is destroyed and nothing
 * half-done stays behind. Retry once the ledger's storage is writable again.
 */
public final class ErasureLedgerUnavailableException extends TrustBankException {

    public ErasureLedgerUnavailableException(String message, Throwable cause) {
        super(TrustBankError.TB_0431, message, cause);
    }
}
