/**
 * Breach notices: what the bank tells residents whose data was released through access later
 * found compromised (the person's side of a breach report). The store is in {@code jdbc}; who is
 * affected is worked out from the access log by the server's breach scope.
 */
package org.azukari.consent.notices;
