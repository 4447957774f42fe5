package org.azukari.fhir.ingest;

import java.util.function.Supplier;

/**
 * One database transaction around an ingest's writes: the trust bank's records, the source
 * index and the access-log entries commit together or not at all (they share the data source,
 * and each joins the transaction it finds).
 */
@FunctionalInterface
public interface IngestTransactions {

    <T> T inOne(Supplier<T> work);
}
