package org.azukari.trustbank.keys.vault;

import java.io.IOException;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.KeyId;

/**
 * Translates the vault's answers into the trust bank's vocabulary, in one place. Messages
 * carry the operation and the key id at most: never a ciphertext, a token or the vault's
 * response body (which the driver puts into its exception messages, so a driver exception
 * is never chained as a cause; only the underlying network exception is).
 */
final class VaultErrors {

    private VaultErrors() {
    }

    /**
     * The exception for a vault answer that is not a success. A 404 means "no such key" only
     * when it carries no error text ({@code emptyNotFound}): that is how transit answers for a
     * missing key, whereas a missing mount or route answers 404 with an error, which must not be
     * mistaken for an erased resident.
     */
    static RuntimeException forStatus(Operation operation, int status, KeyId key, boolean emptyNotFound) {
        if (status == 401 || status == 403) {
            return denied(operation, key);
        }
        if (status == 400 && operation == Operation.UNWRAP) {
            return unreadable();
        }
        if (status == 404) {
            return emptyNotFound && key != null ? destroyed(key)
                    : new KeyVaultUnavailableException("key vault has no such route (" + operation.label() + where(key)
                            + "); is the transit engine mounted?");
        }
        if (isUnavailable(status)) {
            return new KeyVaultUnavailableException("key vault unavailable (" + operation.label() + where(key)
                    + ", status " + status + ")");
        }
        return new BadStateException(TrustBankError.TB_0104, "key vault refused the request (" + operation.label() + where(key)
                + ", status " + status + ")");
    }

    /**
     * Statuses after which a later retry may succeed: sealed or failing server (5xx), rate
     * limited (429), standby or performance standby (472, 473), a redirect we do not follow,
     * request timeout (408) or storage not yet consistent (412).
     */
    static boolean isUnavailable(int status) {
        return status <= 0 || (status >= 300 && status < 400) || status == 408 || status == 412 || status == 429
                || status == 472 || status == 473 || status >= 500;
    }

    /** The vault could not be reached at all: refused, reset, timed out, interrupted. */
    static KeyVaultUnavailableException unreachable(Operation operation, KeyId key, Throwable driverFailure) {
        Throwable cause = networkCause(driverFailure);
        return new KeyVaultUnavailableException("key vault unreachable (" + operation.label() + where(key) + ")", cause);
    }

    static KeyVaultDeniedException denied(Operation operation, KeyId key) {
        return new KeyVaultDeniedException("key vault denied " + operation.label() + where(key));
    }

    /** One opaque error for a wrong key, a wrong context, a tampered or a retired ciphertext. */
    static UnreadableRecordException unreadable() {
        return new UnreadableRecordException("wrapped data key unreadable");
    }

    static ResidentKeyDestroyedException destroyed(KeyId key) {
        return new ResidentKeyDestroyedException("key-encryption key " + key + " does not exist");
    }

    static IllegalStateException malformedAnswer(Operation operation, KeyId key) {
        return new BadStateException(TrustBankError.TB_0105, "key vault answer malformed (" + operation.label() + where(key) + ")");
    }

    private static String where(KeyId key) {
        return key == null ? "" : ", key " + key;
    }

    /**
     * The network exception under the driver's wrappers, which is safe to chain (it holds no
     * response body). Restores the interrupt flag if the call was interrupted.
     */
    static Throwable networkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return t;
            }
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }
}
