package org.azukari.identity.api;

import java.util.OptionalInt;

/**
 * Which version of the bank's privacy policy a person last acknowledged. The policy's text and
 * versions are the portal's; this only remembers the number, per account. A store that does not
 * answer throws a {@code RuntimeException} (the page answers 503), never "not acknowledged".
 */
public interface PrivacyAcknowledgements {

    /** The highest version the account acknowledged, if any. */
    OptionalInt acknowledged(AccountId account);

    /**
     * Records that the account read {@code version} (at least 1, else {@code ID-0170}). An older
     * version than one already acknowledged changes nothing: the number only rises.
     */
    void acknowledge(AccountId account, int version);
}
