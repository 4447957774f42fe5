package org.azukari.identity.api;

/**
 * Keys for the bank's own small secrets (sealed source identifiers, keyed hashes), derived
 * from the identity secret key ({@code azukari.identity.secret-key} or its key file), so that
 * one secret from configuration serves every module and no two purposes share a key.
 */
public interface BankSecrets {

    /**
     * The 32-byte key for {@code purpose}, e.g. {@code "gateway/source-ref-hash-v1"}; the same
     * purpose always gives the same key. Callers must not log it.
     */
    byte[] derive(String purpose);
}
