/**
 * A resident's own records in plain words: read from the trust bank for the signed-in resident
 * only, turned into views (words the source chose, values with units, dates) and charts of
 * measurements. Nothing decrypted is cached or logged.
 */
package org.azukari.ui.records;
