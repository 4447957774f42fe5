/**
 * The production key vault: residents' key-encryption keys as keys of a Vault/OpenBao transit
 * engine, reached through the Vault Java driver. Only this package imports the driver; every
 * vendor failure is translated here, once, into the trust bank's error vocabulary
 * ({@link org.azukari.trustbank.keys.vault.VaultErrors}).
 */
package org.azukari.trustbank.keys.vault;
