/** {@code cp_breach_notice} over JDBC, each batch of notices in one transaction with its access-log entries. */
package org.azukari.consent.notices.jdbc;
