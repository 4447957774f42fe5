/**
 * The FHIR R4 gateway: ingest (push and pull), release, export, Consent and AuditEvent.
 * It turns FHIR requests into trust-bank calls and never touches keys or another module's SQL.
 * (Built from issue 4 on; the module exists now so the dependency rules hold from the start.)
 */
package org.azukari.fhir;
