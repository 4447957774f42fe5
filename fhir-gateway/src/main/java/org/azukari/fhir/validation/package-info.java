/** Validation of incoming FHIR against the R4 base and the JP Core / JP-CLINS profiles. */
package org.azukari.fhir.validation;
