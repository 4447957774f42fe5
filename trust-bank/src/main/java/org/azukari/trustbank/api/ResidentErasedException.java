package org.azukari.trustbank.api;

/**
 * The resident erased their data, and nothing may start their custody again implicitly: a record
 * arriving for them is refused, and only an operator's new enrolment ({@link TrustBank#enrolAnew})
 * starts a new custody. A fact, not a fault: retrying does not help.
 */
public final class ResidentErasedException extends TrustBankException {

    public ResidentErasedException(String message) {
        super(TrustBankError.TB_0302, message);
    }
}
