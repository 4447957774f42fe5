/** The web edge of the FHIR gateway: who the caller is (from Shiro) and how much of a body is read. */
package org.azukari.server.fhir;
