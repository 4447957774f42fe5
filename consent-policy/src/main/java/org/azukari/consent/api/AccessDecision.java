package org.azukari.consent.api;

/** Whether the recorded action was allowed. Denials are recorded as carefully as permits. */
public enum AccessDecision {
    PERMIT, DENY
}
