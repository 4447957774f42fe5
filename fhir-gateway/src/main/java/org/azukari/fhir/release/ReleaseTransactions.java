package org.azukari.fhir.release;

import java.util.function.Supplier;

/**
 * One database transaction around a release's writes that must stand or fall together — a share
 * code used up, the pseudonym remembered, the consent request filed and the access-log entry
 * (they share the data source, and each joins the transaction it finds).
 */
@FunctionalInterface
public interface ReleaseTransactions {

    <T> T inOne(Supplier<T> work);
}
