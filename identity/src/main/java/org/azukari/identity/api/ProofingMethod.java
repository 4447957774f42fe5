package org.azukari.identity.api;

/**
 * How a resident's or e-resident's identity was established. The My Number card's public
 * authentication (JPKI) proves the holder; the My Number itself is never asked for or stored.
 */
public enum ProofingMethod {
    /** A resident came to the city office with an identity document. */
    IN_PERSON_AT_CITY_OFFICE(false),
    /** The signature certificate of the My Number card's public authentication (JPKI). */
    MY_NUMBER_CARD_PUBLIC_AUTHENTICATION(true),
    /** An equivalent electronic identity of another country. */
    EQUIVALENT_FOREIGN_EID(true);

    private final boolean remote;

    ProofingMethod(boolean remote) {
        this.remote = remote;
    }

    /** E-residents are not registered at the city, so only remote proofing can establish them. */
    public boolean isRemote() {
        return remote;
    }
}
