/**
 * Mappers between the bank's own types and FHIR R4 resources: access-log entries to AuditEvent,
 * consents to Consent, refusals to OperationOutcome. Part of the gateway's public face (the server's
 * and the portal's FHIR answers use them), and nothing here decides or stores anything.
 */
package org.azukari.fhir.mapping;
