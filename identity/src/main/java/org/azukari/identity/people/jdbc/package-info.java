/**
 * JDBC adapters of people's accounts: {@code id_account}, {@code id_enrolment_link},
 * {@code id_security_event}. The same SQL runs on PostgreSQL 15 and on H2 in PostgreSQL mode.
 */
package org.azukari.identity.people.jdbc;
