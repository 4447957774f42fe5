/**
 * The resident and e-resident portal, clinic view and operator console (server-rendered,
 * Japanese and English). Built from issue 8 on; the module exists now so the dependency
 * rules hold from the start.
 */
package org.azukari.ui;
