/**
 * Admission control: how much work of each kind the bank takes on at once (ingest overall and per
 * source, releases, exports per organisation). Over a limit the caller is refused at once with
 * {@code 429} and {@code Retry-After}, never queued behind a connection pool.
 */
package org.azukari.fhir.admission;
