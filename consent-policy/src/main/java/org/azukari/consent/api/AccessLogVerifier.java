package org.azukari.consent.api;

/** Walks the whole chain and every checkpoint (those kept outside the database included). */
public interface AccessLogVerifier {

    ChainVerification verify();
}
