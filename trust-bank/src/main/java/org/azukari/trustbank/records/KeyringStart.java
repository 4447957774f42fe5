package org.azukari.trustbank.records;

/** Who starts a custody, which decides whether an erasure stands in the way. */
public enum KeyringStart {

    /** A record arrived for the resident: refused once the resident has erased their data. */
    FIRST_RECORD,

    /** An operator enrolled the person anew, after proofing their identity: allowed after an erasure. */
    NEW_ENROLMENT
}
