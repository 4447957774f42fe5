/**
 * Whose data went out through a compromised client, account or organisation in a window, from the
 * access log alone ({@link org.azukari.fhir.breach.BreachScope}), and one page of it as the view the
 * operators' and auditors' APIs answer and the auditor's console shows
 * ({@link org.azukari.fhir.breach.BreachScopeViews}): one implementation for every caller. Codes
 * AL-0002 to AL-0004 (docs/access-log.md).
 */
package org.azukari.fhir.breach;
