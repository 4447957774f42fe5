/**
 * The breach scope in the operator's console: the residents a compromised client, account or
 * organisation released data of (by account id, never resident id), and the button that sends each
 * of them a notice through consent-policy's {@code BreachNotices}.
 */
package org.azukari.ui.operator.breach;
