package org.azukari.trustbank.api;

/** No such record for this resident. Also the answer for another resident's record, so existence does not leak. */
public final class RecordNotFoundException extends TrustBankException {

    public RecordNotFoundException(String message) {
        super(TrustBankError.TB_0202, message);
    }

    public RecordNotFoundException(String message, Throwable cause) {
        super(TrustBankError.TB_0202, message, cause);
    }
}
