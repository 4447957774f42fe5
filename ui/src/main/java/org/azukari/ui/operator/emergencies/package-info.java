/** The review queue of emergency (break-glass) accesses. */
package org.azukari.ui.operator.emergencies;
