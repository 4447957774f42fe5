package org.azukari.accesslog.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLogUnavailableException;

/** The two databases the log runs on; only partition upkeep and lock waits differ. */
enum Dialect {
    H2, POSTGRESQL;

    static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product.toLowerCase().contains("postgres") ? POSTGRESQL : H2;
        } catch (SQLException e) {
            throw new AccessLogUnavailableException("database unreachable", e);
        }
    }
}
