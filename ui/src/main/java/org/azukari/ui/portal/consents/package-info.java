/**
 * The resident's consents: questions waiting for an answer, active consents each withdrawn with one
 * button, their history with the exact text shown, and the never-share marks.
 */
package org.azukari.ui.portal.consents;
