/**
 * De-identified datasets for wellness services through FHIR Bulk Data export: the
 * de-identification, the k-anonymity suppression, encrypted NDJSON files and the export jobs.
 */
package org.azukari.fhir.export;
