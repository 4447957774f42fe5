/**
 * Who can see my data now and why, the emergency accesses ever opened, the signed receipts, and the
 * share code a resident shows a clinic (text and QR; issued by a posted form, shown once).
 */
package org.azukari.ui.portal.sharing;
