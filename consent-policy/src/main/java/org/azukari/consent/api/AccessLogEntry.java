package org.azukari.consent.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
     * role (an {@link EmergencyEvent}), or a release that relied on an opening, alone or beside a
     * consent (an {@linkplain ConsentDecisionPoint.PermitReason#emergency() emergency}
     * {@link ConsentDecisionPoint.PermitReason}). Residents and auditors see it as a flag; it follows
     * from the action and the reason code, which are hashed (migration {@code V20_7} backfilled the
     * same rule).
     */
    public boolean emergency() {
        return action == AccessAction.EMERGENCY_ACCESS || emergencyReason(reason);
    }

    /** Whether {@code reason} alone makes an entry emergency, whatever its action. */
    public static boolean emergencyReason(String reason) {
        return EmergencyEvent.ofCode(reason).isPresent()
                || ConsentDecisionPoint.PermitReason.ofCode(reason)
                        .filter(ConsentDecisionPoint.PermitReason::emergency).isPresent();
    }

    /** Every reason code that alone makes an entry emergency, sorted (for queries over stored entries). */
    public static List<String> emergencyReasons() {
        return Stream.concat(Arrays.stream(EmergencyEvent.values()).map(EmergencyEvent::code),
                        Arrays.stream(ConsentDecisionPoint.PermitReason.values())
                                .filter(ConsentDecisionPoint.PermitReason::emergency)
                                .map(ConsentDecisionPoint.PermitReason::code))
                .distinct().sorted().toList();
    }

    /**
     * A release (read, search, {@code $everything}, share-code exchange) to a recipient for a
     * purpose: what was opened, the consents relied on, and the decision's reason code.
     */
    public static AccessLogEntry release(AccessActor recipient, ResidentId resident, AccessAction action,
                                         AccessCounts opened, Purpose purpose, Set<String> consents,
                                         AccessDecision decision, String reason, String requestId) {
        return new AccessLogEntry(recipient, Optional.of(resident), action, opened.resourceCounts(),
                opened.categories(), Optional.of(purpose), consents, decision, reason, requestId);
    }

    /** Records a source sent, stored or refused; directory custody has no resident. */
    public static AccessLogEntry ingest(AccessActor source, Optional<ResidentId> custody, AccessCounts sent,
                                        AccessDecision decision, String reason, String requestId) {
        return new AccessLogEntry(source, custody, AccessAction.INGEST, sent.resourceCounts(), sent.categories(),
                Optional.empty(), Set.of(), decision, reason, requestId);
    }

    /** A resident's records leaving the bank in bulk: a dataset export or the resident's own download. */
    public static AccessLogEntry export(AccessActor actor, ResidentId resident, AccessCounts exported,
                                       Optional<Purpose> purpose, Set<String> consents, String reason,
                                       String requestId) {
        return new AccessLogEntry(actor, Optional.of(resident), AccessAction.EXPORT, exported.resourceCounts(),
                exported.categories(), purpose, consents, AccessDecision.PERMIT, reason, requestId, Optional.empty());
    }

    /**
     * A change to consents, consent requests, emergency accesses or dataset requests, under a
     * request id of its own; {@code ids} are the consents (or requests) changed.
     */
    public static AccessLogEntry change(AccessActor actor, Optional<ResidentId> resident, AccessAction action,
                                        Set<DataCategory> categories, Optional<Purpose> purpose, Set<String> ids,
                                        String reason) {
        return new AccessLogEntry(actor, resident, action, new TreeMap<>(), categories, purpose, ids,
                AccessDecision.PERMIT, reason, UUID.randomUUID().toString());
    }

    /**
     * An operator's action on an account (status, enrolment, emergency role), under a request id
     * of its own; {@code subject} is the account it was about when that is not the resident's.
     */
    public static AccessLogEntry administration(AccessActor operator, Optional<ResidentId> resident,
                                                AccessAction action, String reason, Optional<String> subject) {
        return new AccessLogEntry(operator, resident, action, new TreeMap<>(), Set.of(), Optional.empty(), Set.of(),
                AccessDecision.PERMIT, reason, UUID.randomUUID().toString(), subject);
    }

    /** A sign-in, refusal or other security event, under a request id of its own. */
    public static AccessLogEntry securityEvent(AccessActor actor, Optional<ResidentId> resident, AccessAction action,
                                               AccessDecision decision, String reason) {
        return new AccessLogEntry(actor, resident, action, new TreeMap<>(), Set.of(), Optional.empty(), Set.of(),
                decision, reason, UUID.randomUUID().toString());
    }

    /** The bank erasing a resident's data (or recording why it could not), under a request id of its own. */
    public static AccessLogEntry erasure(ResidentId resident, AccessDecision decision, String reason) {
        return new AccessLogEntry(AccessActor.bank(), Optional.of(resident), AccessAction.ERASE, new TreeMap<>(),
                Set.of(), Optional.empty(), Set.of(), decision, reason, UUID.randomUUID().toString());
    }

    /** A resident notified of a breach that touched the categories named, under the incident's id. */
    public static AccessLogEntry notice(AccessActor operator, ResidentId resident, Set<DataCategory> categories,
                                        String reason, String incident) {
        return new AccessLogEntry(operator, Optional.of(resident), AccessAction.NOTICE, new TreeMap<>(), categories,
                Optional.empty(), Set.of(), AccessDecision.PERMIT, reason, incident);
    }

    /**
     * Whether the entry records the opening of a break-glass access itself: exactly one entry per
     * opening, so this is what counts emergency accesses (the releases under it and its review are
     * {@link #emergency()} too, but are not more openings).
     */
    public boolean emergencyOpening() {
        return action == AccessAction.EMERGENCY_ACCESS && EmergencyEvent.OPENED.code().equals(reason);
    }
}
