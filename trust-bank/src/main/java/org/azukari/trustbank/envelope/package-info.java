/** The encrypted record format (envelope) and what each ciphertext is bound to. */
package org.azukari.trustbank.envelope;
