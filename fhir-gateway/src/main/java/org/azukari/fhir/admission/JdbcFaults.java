package org.azukari.fhir.admission;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that is busy or briefly away from a fault in the bank: no connection within the
 * pool's wait ({@code SQLTransientConnectionException} from Hikari, Spring's
 * {@code CannotGetJdbcConnectionException} or {@code CannotCreateTransactionException}), a lock
 * wait or query timeout, a deadlock loser, a serialization failure, a connection lost. Each rolls
 * its transaction back, so the request changed nothing and may simply be sent again: 503 with
 * {@code Retry-After}, never 500.
 */
public final class JdbcFaults {

    /**
     * SQLSTATE classes and codes of such faults when a driver's exception arrives untranslated:
     * 08 connection exception, 40 transaction rollback (40001 serialization, 40P01 deadlock),
     * 53 insufficient resources, 55P03 lock not available, 57014 query cancelled (statement timeout),
     * HYT00 timeout.
     */
    private static final Set<String> CLASSES = Set.of("08", "40", "53");
    private static final Set<String> CODES = Set.of("55P03", "57014", "HYT00");
    private static final int MAX_DEPTH = 16;

    private JdbcFaults() {
    }

    public static boolean isTransient(Throwable thrown) {
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && (CLASSES.contains(sql.getSQLState().substring(0, 2)) || CODES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
