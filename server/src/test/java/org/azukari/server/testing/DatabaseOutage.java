package org.azukari.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.core.env.Environment;

/**
 * The application's own H2 database taken away under it, as a database that went down: from a
 * connection of its own, {@code SET EXCLUSIVE 2} closes every other connection (the pool's
 * included) and refuses new ones until {@link #close()} ends it. Nothing is faked: the bank's
 * code meets the driver's real errors.
 */
public final class DatabaseOutage implements AutoCloseable {

    private final Connection admin;

    private DatabaseOutage(Connection admin) {
        this.admin = admin;
    }

    public static DatabaseOutage begin(Environment environment) throws SQLException {
        Connection admin = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username", "sa"),
                environment.getProperty("spring.datasource.password", ""));
        admin.createStatement().execute("SET EXCLUSIVE 2");
        return new DatabaseOutage(admin);
    }

    @Override
    public void close() throws SQLException {
        try (admin) {
            admin.createStatement().execute("SET EXCLUSIVE 0");
        }
    }
}
