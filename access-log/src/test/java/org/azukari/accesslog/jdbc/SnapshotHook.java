package org.azukari.accesslog.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that runs {@code hook} once, right after the {@code queries}-th query made through
 * it has returned: inside the verifier's read-only transaction, after its view was taken, so
 * whatever the hook writes must be invisible to the rest of that transaction (and must not wait
 * for it).
 */
final class SnapshotHook {

    private SnapshotHook() {
    }

    static DataSource around(DataSource delegate, int queries, Runnable hook) {
        AtomicInteger executed = new AtomicInteger();
        return proxy(DataSource.class, delegate, (target, method, args, result) -> {
            if (result instanceof Connection connection) {
                return proxy(Connection.class, connection, (c, m, a, r) -> r instanceof Statement statement
                        && m.getName().equals("createStatement") ? proxy(Statement.class, statement, (s, sm, sa, sr) -> {
                            if (sm.getName().equals("executeQuery") && executed.incrementAndGet() == queries) {
                                hook.run();
                            }
                            return sr;
                        }) : r);
            }
            return result;
        });
    }

    private interface After {
        Object apply(Object target, Method method, Object[] args, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return after.apply(target, method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
