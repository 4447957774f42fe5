/**
 * Consents, consent requests, never-share marks and emergency accesses: what residents agreed to
 * (and refused), versioned and never overwritten, every change written to the access log in the
 * same transaction. The stores are in {@code jdbc}; the decision on a release is in
 * {@code consent.decision}.
 */
package org.azukari.consent.consents;
