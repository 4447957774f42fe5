/**
 * The consent question in the mission's words, rebuilt from the version shown so that the stored
 * evidence is exactly what the resident read, and the asking of residents after a dataset request
 * is approved. Shared by the portal, the operator console and the APIs.
 */
package org.azukari.ui.consent;
