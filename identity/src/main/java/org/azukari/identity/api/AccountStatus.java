package org.azukari.identity.api;

/** Whether a person's account may be used: a disabled one neither signs in nor keeps its sessions. */
public enum AccountStatus {
    ACTIVE, DISABLED
}
