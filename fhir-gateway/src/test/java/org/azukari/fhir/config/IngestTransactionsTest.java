package org.azukari.fhir.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.fhir.ingest.IngestTransactions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The database dropped under an ingest's transaction: the connection is closed, so the rollback
 * fails as well. The caller is told the work's own failure (which the ingest answers 503), not
 * the failed rollback's (which was a 500 naming a Spring class); DatabaseRestartDuringRequestsIT
 * proves it against a real PostgreSQL stopped mid-transaction.
 */
class IngestTransactionsTest {

    @Test
    void inOne_whenTheRollbackFailsOnADroppedConnection_throwsTheWorksOwnFailure() {
        IngestTransactions transactions = GatewayConfiguration.transactions(droppingConnections());
        AccessLogUnavailableException own = new AccessLogUnavailableException("CP-0110 the access log is unavailable",
                new SQLException("terminating connection due to administrator command", "57P01"));

        assertThatThrownBy(() -> transactions.inOne(() -> {
            throw own;
        })).isSameAs(own);
    }

    /** H2 connections whose rollback fails as a closed PostgreSQL connection's does (SQLSTATE 08003). */
    private static DataSource droppingConnections() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID());
        return (DataSource) Proxy.newProxyInstance(IngestTransactionsTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object answer = invoke(h2, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return answer;
                    }
                    Connection connection = (Connection) answer;
                    return Proxy.newProxyInstance(IngestTransactionsTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (c, m, a) -> {
                                if (m.getName().equals("rollback")) {
                                    throw new SQLException("This connection has been closed.", "08003");
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
