package org.azukari.identity.api;

/**
 * Where security events go. Until the access log (its own issue) takes them, the default
 * implementation keeps them in {@code id_security_event} and the log (ids only).
 */
public interface SecurityEvents {

    void record(SecurityEvent event);
}
