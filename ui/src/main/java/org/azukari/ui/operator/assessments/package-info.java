/**
 * The console's privacy impact assessments: the form fields (shared by the registration of a
 * recipient and the recording of a new version), the read-only history of every version on an
 * organisation's and a dataset request's page, and the posts that record a new version.
 */
package org.azukari.ui.operator.assessments;
