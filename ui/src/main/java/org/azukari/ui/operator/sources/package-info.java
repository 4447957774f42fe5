/** How each pull source stands, and switching one off or on. */
package org.azukari.ui.operator.sources;
