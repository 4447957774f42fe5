/**
 * Signing the access log's checkpoints with a key the bank holds in its key vault, behind the
 * consent-policy seam {@link org.azukari.consent.api.CheckpointSigner}: an ECDSA P-256 key in
 * Vault/OpenBao transit ({@link org.azukari.trustbank.signing.VaultTransitCheckpointSigner}), or,
 * in the embedded default, a key file sealed under the local key vault's master key
 * ({@link org.azukari.trustbank.signing.LocalCheckpointSigner}). The Vault calls themselves go
 * through {@link org.azukari.trustbank.keys.vault.VaultTransitSigning}, since only that package
 * may import the Vault driver.
 */
package org.azukari.trustbank.signing;
