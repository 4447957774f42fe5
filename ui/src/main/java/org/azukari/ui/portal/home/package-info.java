/**
 * The portal's home page: what the bank holds (counts from the custody index, nothing decrypted),
 * who has access now, what happened recently, and whether a question waits for an answer.
 */
package org.azukari.ui.portal.home;
