/** Ingest: how resources that sources send are classified ({@code classification}), matched and taken into custody. */
package org.azukari.fhir.ingest;
