package org.azukari.consent.api;

import java.util.Objects;

/**
 * A verification that ran: its verdict always, and whether it went into the history. The verdict is
 * a fact about the log either way (a tampered log must be reported even when the history cannot
 * be written), so an unrecorded run still carries it and says it was not recorded.
 */
public sealed interface VerificationRun permits VerificationRun.Recorded, VerificationRun.Unrecorded {

    ChainVerification verdict();

    /** In the history as {@code entry}. */
    record Recorded(RecordedVerification entry) implements VerificationRun {

        public Recorded {
            Objects.requireNonNull(entry);
        }

        @Override
        public ChainVerification verdict() {
            return entry.verdict();
        }
    }

    /** Verified, but the history could not be written ({@code CP-0170}). */
    record Unrecorded(ChainVerification verdict) implements VerificationRun {

        public Unrecorded {
            Objects.requireNonNull(verdict);
        }
    }
}
