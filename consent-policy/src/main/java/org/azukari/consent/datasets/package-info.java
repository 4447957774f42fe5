/** Wellness services' dataset requests and the operator's reviews of them; adapters nested. */
package org.azukari.consent.datasets;
