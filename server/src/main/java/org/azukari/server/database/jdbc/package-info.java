/** The two Hikari pools and the data source that routes each connection to its thread's lane's pool. */
package org.azukari.server.database.jdbc;
