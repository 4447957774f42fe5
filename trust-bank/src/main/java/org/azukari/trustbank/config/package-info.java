/** Spring wiring of the trust bank and its typed configuration ({@code azukari.trust-bank.*}). */
package org.azukari.trustbank.config;
