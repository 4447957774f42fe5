/**
 * Everything the bank holds about me, to take away (a FHIR Bundle, logged before anything is
 * decrypted) or to erase (the resident's key destroyed in the vault, then their consents withdrawn).
 */
package org.azukari.ui.portal.mydata;
