/** Wiring of the release feature: its services, tables and settings. */
package org.azukari.fhir.release.config;
