/** Spring wiring of consents, never-share marks, emergency access and the decision point. */
package org.azukari.consent.config;
