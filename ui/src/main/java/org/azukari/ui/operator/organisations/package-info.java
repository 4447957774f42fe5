/** The console's register of organisations, their system clients and the purpose catalogue. */
package org.azukari.ui.operator.organisations;
