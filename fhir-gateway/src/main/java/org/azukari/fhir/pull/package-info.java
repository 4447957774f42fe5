/**
 * Pull: the bank fetches residents' records from a source's FHIR server, instead of waiting for
 * the source to push them. Operators register a {@link org.azukari.fhir.pull.PullSource} (its
 * base URL, a credential reference, a validation mode) and link residents to it with the
 * identifier the source knows them by ({@link org.azukari.fhir.pull.PullTarget}); the
 * {@link org.azukari.fhir.pull.PullScheduler} then pulls, for each target, what changed since the
 * last successful pull ({@link org.azukari.fhir.pull.PullCursor}), page by page, into the bank
 * through {@link org.azukari.fhir.ingest.Ingest}. Error codes {@code FG-06nn}.
 */
package org.azukari.fhir.pull;
