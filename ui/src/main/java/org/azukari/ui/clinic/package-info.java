/**
 * The clinic view for clinics without a FHIR-capable EMR: a practitioner enters a resident's share
 * code (in a form body, never a URL) with the purpose of use and reads what the release returns, or
 * opens emergency access with a reason. Every read goes through the same release as the FHIR API.
 */
package org.azukari.ui.clinic;
