package org.azukari.fhir.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.admission.*}: how much work of each kind the bank takes on at once. The defaults
 * suit a 2-core machine with the default pool sizes ({@code azukari.database.*}); the sizing rule
 * is in docs/reliability.md ("Admission and connection pools"): everything admitted here together,
 * plus the pull and export threads, fits in the bulk pool, so admitted work never waits for a
 * connection.
 *
 * @param ingest                 concurrent ingests (FHIR writes): {@code global} in all, {@code per-source}
 *                               for one source organisation
 * @param release                concurrent release requests (reads, searches, {@code $everything},
 *                               share-code exchanges) of all clinics together
 * @param exportsPerOrganisation running bulk exports per wellness-service organisation
 * @param retryAfter             what a refused caller is told to wait ({@code Retry-After})
 */
@ConfigurationProperties("azukari.admission")
public record AdmissionProperties(@DefaultValue Ingest ingest,
                                  @DefaultValue("4") int release,
                                  @DefaultValue("1") int exportsPerOrganisation,
                                  @DefaultValue("2s") Duration retryAfter) {

    public AdmissionProperties {
        if (release < 1 || exportsPerOrganisation < 1) {
            throw new IllegalArgumentException("azukari.admission.release and .exports-per-organisation must be at least 1");
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("azukari.admission.retry-after must be positive");
        }
    }

    public record Ingest(@DefaultValue("3") int global, @DefaultValue("2") int perSource) {

        public Ingest {
            if (global < 1 || perSource < 1) {
                throw new IllegalArgumentException("azukari.admission.ingest.global and .per-source must be at least 1");
            }
        }
    }
}
