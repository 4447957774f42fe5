/**
 * The access log over JDBC: PostgreSQL (partitioned by year) in production, H2 in the embedded
 * default, the same SQL on both except partition upkeep. Appends, the head witness, checkpoints,
 * the outbox, verification, SQL search and retention.
 */
package org.azukari.accesslog.jdbc;
