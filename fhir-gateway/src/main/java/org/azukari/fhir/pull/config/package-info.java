/** Spring wiring of the pull side, from {@code azukari.gateway.pull.*}. */
package org.azukari.fhir.pull.config;
