package org.azukari.fhir.admission;

import org.azukari.identity.api.OrganisationId;

/**
 * The bank's bulkheads for the work that holds a bulk-pool connection for long: ingest (overall
 * and per source), releases (overall), and exports (per organisation; the export threads bound
 * them overall).
 */
public record Admissions(Bulkhead<OrganisationId> ingest, Bulkhead<Admissions.All> release,
                         Bulkhead<OrganisationId> exports) {

    /** The one key of a bulkhead that counts only overall. */
    public enum All { ALL }

    public static Admissions of(AdmissionProperties properties) {
        return new Admissions(
                new Bulkhead<>("ingest", properties.ingest().global(), properties.ingest().perSource(),
                        properties.retryAfter()),
                new Bulkhead<>("release", properties.release(), 0, properties.retryAfter()),
                new Bulkhead<>("exports", Integer.MAX_VALUE / 2, properties.exportsPerOrganisation(),
                        properties.retryAfter()));
    }
}
