/**
 * What a resident sees of the access log: every entry about their own data, newest first, with
 * receipts and datasets; one source for the page, its CSV and the JSON API.
 */
package org.azukari.ui.portal.activity;
