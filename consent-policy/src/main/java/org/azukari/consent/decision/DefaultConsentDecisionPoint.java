package org.azukari.consent.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentDecisionPoint.Deny;
import org.azukari.consent.api.ConsentDecisionPoint.DenyReason;
import org.azukari.consent.api.ConsentDecisionPoint.Permit;
import org.azukari.consent.api.ConsentDecisionPoint.PermitReason;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.NeverShare;

/**
 * Deny by default. An asked category is permitted when an {@code ACTIVE} consent of the resident
 * whose recipient covers the asking recipient ({@link org.azukari.consent.api.Recipient#covers}),
 * for the same purpose, with a period containing the time asked about, covers it; otherwise when an
 * emergency access open at that time for the asking organisation covers it. Never-share marks
 * override both (deny overrides): an asked category a mark covers is not permitted, and a permit
 * carries every mark that touches the question as {@code withheld}, so a finer mark
 * ({@code MEDICAL/laboratory}) holds under a whole permitted category ({@code MEDICAL}) too
 * ({@link Decision#releases}). A decision permits the asked categories that pass, and relies on
 * the consents (or emergency accesses) that let them pass; its reason is {@code consent-permit},
 * {@code emergency-access}, or {@code consent-and-emergency-access} when it needed both.
 *
 * <p>On a deny the reason is the most informative one: {@code never-share} (a consent or emergency
 * access would have covered it); else {@code category-not-covered} (something for this recipient
 * and purpose is in force, but not for this); else the ending of the grant for this recipient and
 * purpose that ended last — {@code consent-withdrawn}, {@code consent-expired} or
 * {@code emergency-expired}, so an opening that expired after a withdrawal is logged as expired;
 * else {@code wrong-purpose}, {@code wrong-recipient}, {@code no-consent}. Nothing is cached: every
 * call reads the stores, and any failure to read them is a {@link ConsentUnavailableException}.
 */
public final class DefaultConsentDecisionPoint implements ConsentDecisionPoint {

    private final Consents consents;
    private final NeverShare neverShare;
    private final EmergencyAccesses emergencies;

    public DefaultConsentDecisionPoint(Consents consents, NeverShare neverShare, EmergencyAccesses emergencies) {
        this.consents = consents;
        this.neverShare = neverShare;
        this.emergencies = emergencies;
    }

    @Override
    public Decision decide(Question question) {
        try {
            return decide(question, consents.forResident(question.resident()),
                    neverShare.marks(question.resident()), emergencies.forResident(question.resident()));
        } catch (ConsentUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // anything unexpected (an unreadable row included) fails closed
            throw new ConsentUnavailableException("consent decision failed", e);
        }
    }

    private static Decision decide(Question q, List<Consent> all, Set<ConsentCategory> never,
                                   List<EmergencyAccess> openings) {
        Set<ConsentCategory> permitted = new LinkedHashSet<>();
        Set<ConsentVersionRef> reliedOn = new LinkedHashSet<>();
        boolean blockedByNeverShare = false;
        boolean byConsent = false;
        for (Consent consent : all) {
            if (!applies(consent, q)) {
                continue;
            }
            for (ConsentCategory asked : q.categories()) {
                if (covered(consent.terms().categories(), asked)) {
                    if (covered(never, asked)) {
                        blockedByNeverShare = true;
                    } else {
                        permitted.add(asked);
                        reliedOn.add(consent.ref());
                        byConsent = true;
                    }
                }
            }
        }
        boolean byEmergency = false;
        for (EmergencyAccess opening : openings) {
            if (!opening.recipient().covers(q.recipient()) || !opening.openAt(q.at())) {
                continue;
            }
            for (ConsentCategory asked : q.categories()) {
                if (covered(opening.categories(), asked) && !permitted.contains(asked)) {
                    if (covered(never, asked)) {
                        blockedByNeverShare = true;
                    } else {
                        permitted.add(asked);
                        reliedOn.add(opening.id().version(1));
                        byEmergency = true;
                    }
                }
            }
        }
        if (!permitted.isEmpty()) {
            // the reason code is what the access log keeps, so a release that needed an opening says so
            PermitReason reason = !byConsent ? PermitReason.EMERGENCY_ACCESS
                    : byEmergency ? PermitReason.CONSENT_AND_EMERGENCY_ACCESS : PermitReason.CONSENT;
            return new Permit(permitted, touching(never, q.categories()), new ArrayList<>(reliedOn), reason);
        }
        return new Deny(blockedByNeverShare ? DenyReason.NEVER_SHARE : denyReason(q, all, openings));
    }

    /** The marks that cover an asked category or lie within one (a finer mark under a whole category). */
    private static Set<ConsentCategory> touching(Set<ConsentCategory> never, Set<ConsentCategory> asked) {
        Set<ConsentCategory> touching = new LinkedHashSet<>();
        for (ConsentCategory mark : never) {
            if (asked.stream().anyMatch(a -> a.covers(mark) || mark.covers(a))) {
                touching.add(mark);
            }
        }
        return touching;
    }

    private static boolean applies(Consent consent, Question q) {
        return consent.status() == ConsentStatus.ACTIVE && consent.terms().period().contains(q.at())
                && consent.terms().recipient().covers(q.recipient()) && consent.terms().purpose().equals(q.purpose());
    }

    private static boolean covered(Set<ConsentCategory> granted, ConsentCategory asked) {
        return granted.stream().anyMatch(g -> g.covers(asked));
    }

    /** A grant for this recipient and purpose that has ended, and when. */
    private record Ending(DenyReason reason, Instant at) {
    }

    /** The closest miss among the resident's consents and openings. */
    private static DenyReason denyReason(Question q, List<Consent> all, List<EmergencyAccess> openings) {
        Set<DenyReason> misses = EnumSet.noneOf(DenyReason.class);
        List<Ending> endings = new ArrayList<>();
        for (Consent consent : all) {
            boolean recipient = consent.terms().recipient().covers(q.recipient());
            boolean purpose = consent.terms().purpose().equals(q.purpose());
            ConsentStatus status = consent.statusAt(q.at());
            if (recipient && purpose) {
                if (status == ConsentStatus.ACTIVE && consent.terms().period().contains(q.at())) {
                    misses.add(DenyReason.CATEGORY_NOT_COVERED);
                } else if (status == ConsentStatus.WITHDRAWN) {
                    endings.add(new Ending(DenyReason.CONSENT_WITHDRAWN, consent.recorded()));
                } else if (status == ConsentStatus.EXPIRED) {
                    endings.add(new Ending(DenyReason.CONSENT_EXPIRED, consent.terms().period().end().orElse(q.at())));
                }
            } else if (recipient && status == ConsentStatus.ACTIVE) {
                misses.add(DenyReason.WRONG_PURPOSE);
            } else if (purpose && status == ConsentStatus.ACTIVE) {
                misses.add(DenyReason.WRONG_RECIPIENT);
            }
        }
        for (EmergencyAccess opening : openings) {
            if (!opening.recipient().covers(q.recipient())) {
                continue;
            }
            if (opening.openAt(q.at())) {
                misses.add(DenyReason.CATEGORY_NOT_COVERED);
            } else if (!q.at().isBefore(opening.until())) {
                endings.add(new Ending(DenyReason.EMERGENCY_EXPIRED, opening.until()));
            }
        }
        if (misses.contains(DenyReason.CATEGORY_NOT_COVERED)) {
            return DenyReason.CATEGORY_NOT_COVERED;
        }
        // the grant that ended last is the one the asker was relying on most recently
        Optional<Ending> last = endings.stream().max(Comparator.comparing(Ending::at));
        if (last.isPresent()) {
            return last.get().reason();
        }
        for (DenyReason reason : List.of(DenyReason.WRONG_PURPOSE, DenyReason.WRONG_RECIPIENT)) {
            if (misses.contains(reason)) {
                return reason;
            }
        }
        return DenyReason.NO_CONSENT;
    }
}
