package org.azukari.server.database;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.Filter;
import org.azukari.fhir.admission.AdmissionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Replaces Boot's single pool with a {@link LaneRoutingDataSource} over two Hikari pools, and marks
 * each request's lane: every request starts in the control lane (before Shiro, so token and
 * sign-in checks use it), and {@code /fhir} switches to the bulk lane after Shiro has checked the
 * token. The sizing rule (docs/reliability.md, "Admission and connection pools") is checked at
 * start-up: a bulk pool smaller than what admission lets in is logged as a warning.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    /** Access-log checkpoints (a second connection inside a commit) and the outbox indexer. */
    static final int BULK_RESERVE = 2;
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

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

    @Bean
    FilterRegistrationBean<Filter> controlLane() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LaneFilter(Lane.CONTROL));
        registration.setName("controlLane");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> bulkLane() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LaneFilter(Lane.BULK));
        registration.setName("bulkLane");
        registration.addUrlPatterns("/fhir/*");
        // after Shiro (1), whose bearer filter checks the token in the control lane
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }
}
