package org.azukari.server.database.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.azukari.server.database.Lane;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's one {@code DataSource}: each connection comes from the pool of the calling
 * thread's {@link Lane}. Every module's stores and transaction templates share this object, so a
 * transaction begun in one lane is joined by everything that runs inside it on that thread (an
 * ingest's records, index rows and access-log entry stay one transaction).
 */
public final class LaneRoutingDataSource extends AbstractRoutingDataSource implements DisposableBean {

    private final HikariDataSource control;
    private final HikariDataSource bulk;

    public LaneRoutingDataSource(HikariDataSource control, HikariDataSource bulk) {
        this.control = control;
        this.bulk = bulk;
        setTargetDataSources(Map.of(Lane.CONTROL, control, Lane.BULK, bulk));
        setDefaultTargetDataSource(bulk);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return Lane.current();
    }

    public HikariDataSource pool(Lane lane) {
        return lane == Lane.CONTROL ? control : bulk;
    }

    @Override
    public void destroy() {
        try (control; bulk) {
            // both pools closed, whichever fails
        }
    }
}
