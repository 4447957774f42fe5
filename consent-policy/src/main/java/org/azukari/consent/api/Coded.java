package org.azukari.consent.api;

/**
 * An exception that carries its catalogued code. The edges (problem+json, FHIR OperationOutcome,
 * the portal's error pages) read the code from here, never from the message text.
 */
public interface Coded {

    ErrorCode errorCode();
}
