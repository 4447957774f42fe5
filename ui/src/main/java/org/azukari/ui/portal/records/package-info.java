/**
 * The resident's records pages: the timeline by month, filters, the posted search, one record and
 * the charts. Always the signed-in resident's records and no one else's.
 */
package org.azukari.ui.portal.records;
