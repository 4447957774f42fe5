/** Ingest: how resources that sources send are classified, matched and taken into custody. */
package org.azukari.fhir.ingest;
