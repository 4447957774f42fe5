package org.azukari.trustbank.api;

/** The key vault cannot be reached, is sealed or timed out. Nothing was released or written; retry later. */
public final class KeyVaultUnavailableException extends TrustBankException {

    public KeyVaultUnavailableException(String message) {
        super("TB-0101", message);
    }

    public KeyVaultUnavailableException(String message, Throwable cause) {
        super("TB-0101", message, cause);
    }
}
