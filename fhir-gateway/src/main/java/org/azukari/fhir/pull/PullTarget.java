package org.azukari.fhir.pull;

import java.util.Objects;
import org.azukari.consent.api.ResidentId;

/** One resident at one pull source: what the scheduler pulls, each with its own cursor. */
public record PullTarget(PullSourceId source, ResidentId resident) {

    public PullTarget {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resident, "resident");
    }
}
