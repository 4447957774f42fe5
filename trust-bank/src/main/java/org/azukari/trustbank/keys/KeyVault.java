package org.azukari.trustbank.keys;

/**
 * The seam to whatever holds the residents' key-encryption keys (KEKs). A KEK never leaves
 * the vault; the bank only asks it to wrap and unwrap data keys.
 *
 * <p>Implementations translate every vendor failure at this boundary into the trust bank's
 * vocabulary: {@code KeyVaultUnavailableException} (unreachable, sealed, timed out),
 * {@code KeyVaultDeniedException} (credentials or policy), {@code ResidentKeyDestroyedException}
 * (the key does not exist: erased), {@code UnreadableRecordException} (the wrapped key or its
 * context does not authenticate). None may fall back to another key or to plaintext.
 */
public interface KeyVault {

    /** Creates a non-exportable key without plaintext backup, whose deletion is disabled until {@link #destroy}. */
    void createKey(KeyId key);

    /** Wraps a data key under the latest version of {@code key}, bound to {@code context}. */
    WrappedKey wrap(KeyId key, DataKey dataKey, KeyContext context);

    /** Unwraps a data key; fails unless {@code key} and {@code context} are those it was wrapped with. */
    DataKey unwrap(KeyId key, WrappedKey wrapped, KeyContext context);

    /** Adds a new latest version of {@code key}; older versions still unwrap until retired. */
    void rotate(KeyId key);

    /** Re-wraps a wrapped data key under the latest version of {@code key}. */
    WrappedKey rewrap(KeyId key, WrappedKey wrapped, KeyContext context);

    /** Makes versions below {@code minimumVersion} unusable for unwrapping. */
    void retireVersionsBelow(KeyId key, int minimumVersion);

    /** Destroys every version of {@code key} for good. Destroying a key that is already gone succeeds. */
    void destroy(KeyId key);

    /** Whether {@code key} still exists (false once destroyed). */
    boolean exists(KeyId key);
}
