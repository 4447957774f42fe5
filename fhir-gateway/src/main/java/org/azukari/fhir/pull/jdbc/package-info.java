/**
 * The JDBC adapter of the pull side: {@code fg_pull_source} and {@code fg_pull_target}. The same
 * SQL runs on PostgreSQL and on H2 in PostgreSQL mode.
 */
package org.azukari.fhir.pull.jdbc;
