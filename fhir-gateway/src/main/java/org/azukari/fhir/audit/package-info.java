/**
 * The access log where FHIR clients look for it: {@code GET /fhir/AuditEvent} for auditors' systems
 * ({@code AUDIT_SYSTEM} clients), after the IHE Basic Audit Log Patterns' search parameters.
 * {@link org.azukari.fhir.audit.AuditEventSearch} turns the request's parameters into an access-log
 * query (refusing what it cannot match honestly) and answers a searchset of the entries as
 * {@link org.azukari.fhir.mapping.AuditEvents}, paged by the log's own keyset cursor. Codes FG-0740 to
 * FG-0745 (docs/fhir-release.md).
 */
package org.azukari.fhir.audit;
