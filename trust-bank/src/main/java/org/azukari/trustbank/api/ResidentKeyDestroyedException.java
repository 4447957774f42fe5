package org.azukari.trustbank.api;

/** The resident's key-encryption key is gone (the resident was erased): their records can never be read again. */
public final class ResidentKeyDestroyedException extends TrustBankException {

    public ResidentKeyDestroyedException(String message) {
        super("TB-0103", message);
    }

    public ResidentKeyDestroyedException(String message, Throwable cause) {
        super("TB-0103", message, cause);
    }
}
