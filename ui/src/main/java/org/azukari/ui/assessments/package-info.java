/**
 * Privacy impact assessments at the edge: registering a recipient organisation together with its
 * first assessment (one transaction), and finding the assessment a resident is shown beside a
 * consent question. Shared by the operator console, the operator API and the portal.
 */
package org.azukari.ui.assessments;
