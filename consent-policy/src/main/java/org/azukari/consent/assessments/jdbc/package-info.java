/**
 * Privacy impact assessments over the application's data source ({@code cp_privacy_assessment} of
 * {@code db/migration/consent}, V20_9): versions inserted only, the primary key settles two
 * operators recording at once; a store that fails becomes
 * {@link org.azukari.consent.api.ConsentUnavailableException}.
 */
package org.azukari.consent.assessments.jdbc;
