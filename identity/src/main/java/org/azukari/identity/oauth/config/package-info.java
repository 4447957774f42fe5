/**
 * Spring wiring of the organisation registry, the SMART token service and the bearer-token
 * realm, with their typed configuration ({@code azukari.identity.oauth.*}).
 */
package org.azukari.identity.oauth.config;
