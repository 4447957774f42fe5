/**
 * Which data category a resource belongs to ({@code data-categories.csv} beside {@link
 * org.azukari.fhir.classification.DataClassifier}): one table shared by ingest (what a record is stored
 * as), release (what a recipient's consent covers) and export, and shown to the operator.
 */
package org.azukari.fhir.classification;
