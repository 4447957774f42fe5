package org.azukari.fhir.validation;

/**
 * How a source's input is held to the profiles it declares. Errors against the FHIR R4 base
 * specification refuse the input in both modes.
 */
public enum ValidationMode {
    /** Profile errors refuse the input. */
    STRICT,
    /** Profile errors come back as warnings; the input is taken in. */
    LENIENT
}
