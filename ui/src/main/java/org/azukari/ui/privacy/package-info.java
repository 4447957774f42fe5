/**
 * The bank's published privacy policy: its versions (text per language, day in force, what
 * changed) read from {@code privacy-policy/} on the class path, the public page {@code /privacy}
 * with the history, and the resident's acknowledgement of the version in force.
 */
package org.azukari.ui.privacy;
