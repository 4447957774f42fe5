package org.azukari.identity.api;

/**
 * Which of a resident's actions need which session assurance. Written once here; the edge
 * enforces it on the routes that perform them and shows the step-up page when a session is below.
 * An action not named here needs only a signed-in session.
 */
public enum AssuranceRule {
    /** Download every record at once (the whole record set leaves the bank in one file). */
    DOWNLOAD_EVERYTHING(AssuranceLevel.HIGH),
    /** Erase all data: final, crypto-shredded. */
    ERASE(AssuranceLevel.HIGH);

    private final AssuranceLevel needs;

    AssuranceRule(AssuranceLevel needs) {
        this.needs = needs;
    }

    public AssuranceLevel needs() {
        return needs;
    }

    /** Whether a session at {@code assurance} may perform the action; no assurance known means no. */
    public boolean allows(java.util.Optional<SessionAssurance> assurance) {
        return assurance.isPresent() && assurance.get().level().atLeast(needs);
    }
}
