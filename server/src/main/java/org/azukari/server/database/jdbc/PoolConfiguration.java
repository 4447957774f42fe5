package org.azukari.server.database.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.azukari.fhir.admission.AdmissionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.azukari.server.database.DatabaseProperties;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Replaces Boot's single pool with a {@link LaneRoutingDataSource} over two Hikari pools (which
 * request uses which: {@code LaneConfiguration}). The sizing rule (docs/reliability.md, "Load:
 * admission control and connection pools") is checked at start-up: a bulk pool smaller than what
 * admission lets in is logged as a warning.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class PoolConfiguration {

    /** Access-log checkpoints (a second connection inside a commit) and the outbox indexer. */
    static final int BULK_RESERVE = 2;
    private static final Logger log = LoggerFactory.getLogger(PoolConfiguration.class);

    @Bean
    @Primary
    LaneRoutingDataSource dataSource(DataSourceProperties properties, DatabaseProperties pools, Environment environment,
                                     AdmissionProperties admission) {
        HikariDataSource control = pool(properties, environment, "azukari-control", pools.controlPoolSize(), pools);
        HikariDataSource bulk = pool(properties, environment, "azukari-bulk", pools.bulkPoolSize(), pools);
        int needed = bulkNeeded(admission, environment);
        if (pools.bulkPoolSize() < needed) {
            log.warn("azukari.database.bulk-pool-size {} is below what admission lets in ({}: ingest.global + release"
                    + " + export threads + pull threads + {} reserve); admitted work may wait for connections",
                    pools.bulkPoolSize(), needed, BULK_RESERVE);
        }
        return new LaneRoutingDataSource(control, bulk);
    }

    /**
     * What Flyway migrates with. Given {@code spring.flyway.user} (the owner role), Boot derives a
     * data source from the application's, which it cannot do from a router; so it is built here the
     * way Boot would: unpooled, {@code spring.flyway.url}/{@code user}/{@code password} over
     * {@code spring.datasource.*}. Not a default candidate: nothing else is given the owner's role.
     */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    DataSource migrationDataSource(DataSourceProperties properties, Environment environment) {
        String owner = environment.getProperty("spring.flyway.user");
        return DataSourceBuilder.create().type(SimpleDriverDataSource.class)
                .driverClassName(properties.determineDriverClassName())
                .url(environment.getProperty("spring.flyway.url", properties.determineUrl()))
                .username(owner != null ? owner : properties.determineUsername())
                .password(owner != null ? environment.getProperty("spring.flyway.password", "")
                        : properties.determinePassword())
                .build();
    }

    /** The sizing rule: every admitted bulk holder and every background thread has a connection. */
    static int bulkNeeded(AdmissionProperties admission, Environment environment) {
        int exportThreads = Math.max(1, environment.getProperty("azukari.gateway.export.threads", Integer.class, 1));
        int pullThreads = Math.max(1, environment.getProperty("azukari.gateway.pull.threads", Integer.class, 2));
        return admission.ingest().global() + admission.release() + exportThreads + pullThreads + BULK_RESERVE;
    }

    private static HikariDataSource pool(DataSourceProperties properties, Environment environment, String name, int size,
                                         DatabaseProperties pools) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(Math.min(pool.getMinimumIdle() < 0 ? size : pool.getMinimumIdle(), size));
        pool.setConnectionTimeout(pools.connectionTimeout().toMillis());
        return pool;
    }
}
