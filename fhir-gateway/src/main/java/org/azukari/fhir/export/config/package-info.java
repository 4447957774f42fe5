/** Wiring of dataset exports. */
package org.azukari.fhir.export.config;
