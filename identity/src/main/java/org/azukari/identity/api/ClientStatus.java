package org.azukari.identity.api;

/** Only an active client gets tokens, and only an active client's tokens are accepted. */
public enum ClientStatus {
    ACTIVE, INACTIVE
}
