/**
 * Consented release to clinics over FHIR: pseudonyms per recipient, one-time share codes, the
 * release service (consent decision, access log before decryption, filtering and redaction),
 * server-side paging that re-decides every page, and signed receipts. See docs/fhir-release.md.
 */
package org.azukari.fhir.release;
