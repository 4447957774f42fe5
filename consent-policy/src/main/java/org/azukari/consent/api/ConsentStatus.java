package org.azukari.consent.api;

/**
 * Where a consent stands. {@code PROPOSED}: a recipient asked, the resident has not answered.
 * {@code EXPIRED} is never stored: it is derived from the period when a decision is made
 * ({@link Consent#statusAt}).
 */
public enum ConsentStatus {
    PROPOSED, ACTIVE, REJECTED, WITHDRAWN, EXPIRED
}
