package org.azukari.consent.api;

/** What an access-log entry records. */
public enum AccessAction {
    INGEST, READ, SEARCH, EXPORT, CONSENT_CHANGE, CONSENT_REQUEST_ANSWER, EMERGENCY_ACCESS, ERASE,
    SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, TOKEN_ISSUED, REFUSAL,
    /** An operator enrolled a resident anew after their erasure: a new custody, under a new key. */
    ENROL,
    /** An operator told the resident that their data was released through access later found compromised. */
    NOTICE,
    /** An operator disabled or enabled a person's account (the account as the entry's subject). */
    ACCOUNT_CHANGE
}
