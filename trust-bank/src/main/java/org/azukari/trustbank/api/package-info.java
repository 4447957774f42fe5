/**
 * The public face of the trust bank: the {@link org.azukari.trustbank.api.TrustBank} custody
 * interface, its identifier and record types, and its error vocabulary ({@code TB-nnnn}).
 * Other modules use only this package.
 */
package org.azukari.trustbank.api;
