/** Privacy impact assessments of recipients and dataset requests, versioned; adapters nested. */
package org.azukari.consent.assessments;
