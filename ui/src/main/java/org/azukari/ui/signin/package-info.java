/**
 * The people's sign-in page (residents, e-residents, practitioners, operators, auditors) with its
 * CSRF token; the realms that check the credentials live in identity.
 */
package org.azukari.ui.signin;
