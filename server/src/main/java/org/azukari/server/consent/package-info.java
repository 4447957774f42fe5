/**
 * The consent JSON APIs: residents' own consents, consent requests, never-share marks, who can
 * see their data and the emergency accesses to it (under {@code /portal/api}), and the operators'
 * review queue of emergency accesses (under {@code /api/operator}). The resident is always the
 * signed-in caller; another resident's consent answers 404.
 */
package org.azukari.server.consent;
