/**
 * The consent decision: {@link org.azukari.consent.decision.DefaultConsentDecisionPoint} answers
 * whether a release may happen, and {@link org.azukari.consent.decision.DefaultWhoCanSee} tells
 * a resident who may currently receive their data. Both read the stores on every call.
 */
package org.azukari.consent.decision;
