package org.azukari.consent.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One thing to record: when (set by the log when appended), who, whose data, what was done,
 * to which resource types (with counts) and data categories, for which purpose, relying on
 * which consents, with which decision and why, under which request id. Never record contents.
 *
 * @param resourceCounts resource type → number of resources, e.g. {@code Observation → 12}
 * @param consents       ids of the consents relied on (empty when none)
 * @param reason         a stable reason code, e.g. {@code consent-permit}, {@code no-consent}
 * @param subject        the account an operator's action was about (the practitioner given or
 *                       refused the emergency role), by id; never a resident (that is {@code resident})
 */
public record AccessLogEntry(AccessActor actor, Optional<ResidentId> resident, AccessAction action,
                             SortedMap<String, Integer> resourceCounts, Set<DataCategory> categories,
                             Optional<Purpose> purpose, Set<String> consents, AccessDecision decision,
                             String reason, String requestId, Optional<String> subject) {

    /** Reason codes of entries that record break-glass; see {@link #emergency()}. */
    public static final Set<String> EMERGENCY_REASONS = Set.of("emergency-access", "consent-and-emergency-access",
            "emergency-access-reviewed", "emergency-role-granted", "emergency-role-already-held",
            "emergency-role-revoked", "emergency-role-not-held");

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public AccessLogEntry {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(resident);
        Objects.requireNonNull(action);
        resourceCounts = new TreeMap<>(Objects.requireNonNull(resourceCounts));
        categories = Set.copyOf(Objects.requireNonNull(categories));
        Objects.requireNonNull(purpose);
        consents = Set.copyOf(Objects.requireNonNull(consents));
        Objects.requireNonNull(decision);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(subject);
        for (Map.Entry<String, Integer> count : resourceCounts.entrySet()) {
            if (!TYPE.matcher(count.getKey()).matches() || count.getValue() == null || count.getValue() < 0) {
                throw new BadInputException(ConsentPolicyError.CP_0102, "malformed resource count");
            }
        }
        if (!CODE.matcher(reason).matches() || !REQUEST.matcher(requestId).matches()
                || consents.stream().anyMatch(c -> !REQUEST.matcher(c).matches())
                || subject.filter(s -> !REQUEST.matcher(s).matches()).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0103, "malformed reason, request id, consent id or subject");
        }
    }

    /** An entry about no other account than the actor's and the resident's. */
    public AccessLogEntry(AccessActor actor, Optional<ResidentId> resident, AccessAction action,
                          SortedMap<String, Integer> resourceCounts, Set<DataCategory> categories,
                          Optional<Purpose> purpose, Set<String> consents, AccessDecision decision,
                          String reason, String requestId) {
        this(actor, resident, action, resourceCounts, categories, purpose, consents, decision, reason, requestId,
                Optional.empty());
    }

    /**
     * Whether the entry records break-glass: an opening, its review, a change of the emergency
     * role, or a release that relied on an opening (alone or beside a consent). Residents and
     * auditors see it as a flag; it follows from the action and the reason code, which are hashed.
     */
    public boolean emergency() {
        return action == AccessAction.EMERGENCY_ACCESS || EMERGENCY_REASONS.contains(reason);
    }

    /**
     * Whether the entry records the opening of a break-glass access itself: exactly one entry per
     * opening, so this is what counts emergency accesses (the releases under it and its review are
     * {@link #emergency()} too, but are not more openings).
     */
    public boolean emergencyOpening() {
        return action == AccessAction.EMERGENCY_ACCESS && "emergency-access".equals(reason);
    }
}
