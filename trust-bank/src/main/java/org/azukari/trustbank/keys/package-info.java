/**
 * Keys: the {@link org.azukari.trustbank.keys.KeyVault} seam, the residents' keyrings of
 * wrapped data keys, and the bounded cache of unwrapped data keys.
 */
package org.azukari.trustbank.keys;
