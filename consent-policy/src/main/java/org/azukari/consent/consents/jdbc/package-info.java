/**
 * The consent stores over the application's data source (tables of
 * {@code db/migration/consent}): inserts only for consent versions, one transaction for a change
 * and its access-log entry ({@link org.azukari.consent.consents.jdbc.JdbcChanges}), reads that
 * fail become {@link org.azukari.consent.api.ConsentUnavailableException} (fail closed).
 */
package org.azukari.consent.consents.jdbc;
