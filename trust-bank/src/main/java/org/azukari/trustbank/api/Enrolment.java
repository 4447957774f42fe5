package org.azukari.trustbank.api;

/**
 * Where a resident's custody stands. Erasure is final: an {@link #ERASED} resident's custody is
 * never started again by a record arriving ({@link TrustBank#enrol}); only an operator's new
 * enrolment of the person, after proofing their identity again, starts a new one
 * ({@link TrustBank#enrolAnew}).
 */
public enum Enrolment {

    /** No custody yet: the first record that arrives for the resident starts it. */
    NOT_ENROLLED,

    /** The resident's key and data key exist; records are stored and read. */
    ENROLLED,

    /** The resident erased their data (their key is destroyed); sources are refused. */
    ERASED
}
