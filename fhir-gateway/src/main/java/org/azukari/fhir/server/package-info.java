/** The HAPI FHIR plain server mounted at {@code /fhir}, and SMART discovery beside it. */
package org.azukari.fhir.server;
