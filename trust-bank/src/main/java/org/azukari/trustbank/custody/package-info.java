/** Custody: the trust bank itself, tying the record store, the key vault and the key cache together. */
package org.azukari.trustbank.custody;
