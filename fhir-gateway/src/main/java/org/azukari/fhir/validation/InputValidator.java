package org.azukari.fhir.validation;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Checks what a source sends against FHIR R4 and the Japanese profiles it declares. Never
 * throws for anything the input contains: a failure inside the validator itself becomes a
 * warning in the report, never a refusal of valid input and never an error page.
 */
public interface InputValidator {

    ValidationReport validate(IBaseResource input, ValidationMode mode);
}
