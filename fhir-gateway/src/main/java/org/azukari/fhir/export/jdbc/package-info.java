/** The export job tables of {@code V9_2__export_jobs.sql}. */
package org.azukari.fhir.export.jdbc;
