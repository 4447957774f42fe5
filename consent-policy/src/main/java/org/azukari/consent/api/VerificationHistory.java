package org.azukari.consent.api;

import java.util.List;
import java.util.Optional;

/**
 * Every verification of the access log, kept: the auditor console, {@code GET /api/audit/verify}
 * and the {@code audit verify} command verify through here, so each run is recorded with who asked
 * and what it found. The history is only appended to.
 */
public interface VerificationHistory {

    int MAX_PAGE = 100;

    /**
     * Walks the log ({@link AccessLogVerifier}) and records the run. A log that cannot be verified is
     * {@link AccessLogUnavailableException}; a history that cannot be written is
     * {@link VerificationRun.Unrecorded}, never a lost verdict.
     */
    VerificationRun verify(VerifiedBy by);

    /**
     * Newest first, at most {@code limit} (1..{@value #MAX_PAGE}), those numbered below {@code before}
     * when given; {@link AccessLogUnavailableException} when the database cannot answer.
     */
    List<RecordedVerification> newestFirst(Optional<Long> before, int limit);
}
