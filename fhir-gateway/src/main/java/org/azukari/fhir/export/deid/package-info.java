/**
 * De-identification of a wellness service's dataset, as a library without Spring or storage:
 * the request's profile ({@link org.azukari.fhir.export.deid.DeidentificationProfile}), the
 * service's own pseudonyms, record ids and date shifts
 * ({@link org.azukari.fhir.export.deid.ServicePseudonyms}), the per-person rewrite of released
 * FHIR resources ({@link org.azukari.fhir.export.deid.Deidentifier}) and the suppression of
 * small quasi-identifier groups ({@link org.azukari.fhir.export.deid.KAnonymity}). What is
 * removed, kept and shifted is written down in docs/deidentification.md.
 */
package org.azukari.fhir.export.deid;
