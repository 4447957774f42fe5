/**
 * Dataset requests over the application's data source ({@code cp_dataset_request_version} of
 * {@code db/migration/consent}): versions inserted only, one transaction for a change and its
 * access-log entry, reads that fail become {@link org.azukari.consent.api.ConsentUnavailableException}.
 */
package org.azukari.consent.datasets.jdbc;
