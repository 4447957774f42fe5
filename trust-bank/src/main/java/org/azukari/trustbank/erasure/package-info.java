/** Erasure: crypto-shredding a resident and remembering it so that restores re-apply it. */
package org.azukari.trustbank.erasure;
