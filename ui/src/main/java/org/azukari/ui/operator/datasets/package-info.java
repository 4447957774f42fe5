/** The dataset request queue, each request with its history, and the operator's review. */
package org.azukari.ui.operator.datasets;
