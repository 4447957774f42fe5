package org.azukari.consent.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Break-glass access (mission point 4: exceptional, visible, reviewed). An opening lasts
 * {@code azukari.consent.emergency.duration} (default 24 hours) and covers the configured kinds of
 * data (default allergies, medications, conditions, immunisations). It never overrides a
 * resident's never-share marks: those are a standing, explicit refusal, and the default
 * categories still give a practitioner what is vital in an emergency (what the resident is
 * allergic to and takes) unless the resident has said otherwise. Whether the caller may open one
 * (the emergency role) is checked by the caller. Openings and reviews are written to the access log in
 * the same transaction, without the reason or the note.
 */
public interface EmergencyAccesses {

    /**
     * @param practitioner the practitioner's account id
     * @param recipient    the organisation (or its service) the practitioner acts for
     * @param reason       free text, {@value EmergencyAccess#MIN_REASON}–{@value EmergencyAccess#MAX_REASON} characters
     */
    EmergencyAccess open(ResidentId resident, String practitioner, Recipient recipient, String reason, Instant at);

    Optional<EmergencyAccess> find(ConsentId id);

    /** Every opening for the resident, open and past, newest first. */
    List<EmergencyAccess> forResident(ResidentId resident);

    /** The operators' review queue, oldest first. */
    List<EmergencyAccess> unreviewed();

    /**
     * The reviewed openings, most recently reviewed first, {@code limit} (1..100) from {@code offset}
     * (0..10 000), for the auditor.
     */
    List<EmergencyAccess> reviewed(int offset, int limit);

    /**
     * Marks an opening reviewed, logged in the same transaction (without the note); a second review
     * is refused ({@code CP-0233}), and so is any review the access log cannot record.
     */
    EmergencyAccess review(ConsentId id, String operator, String note, Instant at);
}
