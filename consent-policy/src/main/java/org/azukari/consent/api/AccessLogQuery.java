package org.azukari.consent.api;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A search of the access log; every criterion is optional and they combine with AND. Results
 * come newest first (by sequence), {@code limit} at a time (1–1000). Paging is by keyset, not
 * offset: the next (older) page is the same query {@link #olderThan(long) older than} the last
 * sequence seen, so a page is as cheap at entry 1,000,000 as at entry 1, and entries appended
 * meanwhile never shift it (sequences are unique and only grow).
 *
 * <p>Build one with {@link #builder()} (or {@link #forResident(ResidentId)}); the canonical
 * constructor exists for the record, not for callers.
 *
 * @param actorId   the acting account, client or the bank ({@code AccessActor.id})
 * @param client    the OAuth client the actor acted through ({@code AccessActor.client})
 * @param actions   any of these actions; empty means any action
 * @param emergency present: only entries whose {@link AccessLogEntry#emergency()} is this value
 * @param requestId the request id the entry was written under (exact)
 * @param before    present: only entries with a sequence below it (the keyset cursor)
 */
public record AccessLogQuery(Optional<ResidentId> resident, Optional<String> actorId, Optional<String> organisation,
                             Optional<String> client, Optional<Purpose> purpose, Optional<Instant> from,
                             Optional<Instant> to, Set<AccessAction> actions, Optional<AccessDecision> decision,
                             Optional<Boolean> emergency, Optional<String> requestId, Optional<Long> before,
                             int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    /** An entry's request id ({@link AccessLogEntry}); anything else cannot match. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public AccessLogQuery {
        Objects.requireNonNull(resident);
        Objects.requireNonNull(actorId);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(client);
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        Objects.requireNonNull(decision);
        Objects.requireNonNull(emergency);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(before);
        if (requestId.filter(r -> !REQUEST_ID.matcher(r).matches()).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0103, "malformed request id");
        }
        if (limit < 1 || limit > MAX_LIMIT || before.filter(b -> b < 1).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0120, "before must be >= 1 and limit 1.." + MAX_LIMIT);
        }
    }

    /** Everything about one resident: what a resident sees of their own data. */
    public static AccessLogQuery forResident(ResidentId resident) {
        return builder().resident(resident).build();
    }

    /** Every entry, newest first, {@value #DEFAULT_LIMIT} at a time, until criteria are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same query, with these criteria changed. */
    public Builder toBuilder() {
        return new Builder().resident(resident).actorId(actorId).organisation(organisation).client(client)
                .purpose(purpose).from(from).to(to).actions(actions).decision(decision).emergency(emergency)
                .requestId(requestId).before(before).limit(limit);
    }

    /** The next (older) page after one whose oldest entry had this sequence. */
    public AccessLogQuery olderThan(long sequence) {
        return toBuilder().before(sequence).build();
    }

    /** Sets criteria by name; an empty {@code Optional} clears one. */
    public static final class Builder {

        private Optional<ResidentId> resident = Optional.empty();
        private Optional<String> actorId = Optional.empty();
        private Optional<String> organisation = Optional.empty();
        private Optional<String> client = Optional.empty();
        private Optional<Purpose> purpose = Optional.empty();
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();
        private Set<AccessAction> actions = Set.of();
        private Optional<AccessDecision> decision = Optional.empty();
        private Optional<Boolean> emergency = Optional.empty();
        private Optional<String> requestId = Optional.empty();
        private Optional<Long> before = Optional.empty();
        private int limit = DEFAULT_LIMIT;

        private Builder() {
        }

        public Builder resident(ResidentId value) {
            return resident(Optional.of(value));
        }

        public Builder resident(Optional<ResidentId> value) {
            resident = Objects.requireNonNull(value);
            return this;
        }

        public Builder actorId(String value) {
            return actorId(Optional.of(value));
        }

        public Builder actorId(Optional<String> value) {
            actorId = Objects.requireNonNull(value);
            return this;
        }

        public Builder organisation(String value) {
            return organisation(Optional.of(value));
        }

        public Builder organisation(Optional<String> value) {
            organisation = Objects.requireNonNull(value);
            return this;
        }

        public Builder client(String value) {
            return client(Optional.of(value));
        }

        public Builder client(Optional<String> value) {
            client = Objects.requireNonNull(value);
            return this;
        }

        public Builder purpose(Purpose value) {
            return purpose(Optional.of(value));
        }

        public Builder purpose(Optional<Purpose> value) {
            purpose = Objects.requireNonNull(value);
            return this;
        }

        /** Entries at or after this instant. */
        public Builder from(Instant value) {
            return from(Optional.of(value));
        }

        public Builder from(Optional<Instant> value) {
            from = Objects.requireNonNull(value);
            return this;
        }

        /** Entries before this instant (exclusive). */
        public Builder to(Instant value) {
            return to(Optional.of(value));
        }

        public Builder to(Optional<Instant> value) {
            to = Objects.requireNonNull(value);
            return this;
        }

        public Builder action(AccessAction value) {
            return actions(Set.of(value));
        }

        public Builder action(Optional<AccessAction> value) {
            return actions(value.map(Set::of).orElse(Set.of()));
        }

        /** Any of these actions; empty means any action. */
        public Builder actions(Collection<AccessAction> value) {
            actions = Set.copyOf(value);
            return this;
        }

        public Builder decision(AccessDecision value) {
            return decision(Optional.of(value));
        }

        public Builder decision(Optional<AccessDecision> value) {
            decision = Objects.requireNonNull(value);
            return this;
        }

        public Builder emergency(boolean value) {
            return emergency(Optional.of(value));
        }

        public Builder emergency(Optional<Boolean> value) {
            emergency = Objects.requireNonNull(value);
            return this;
        }

        public Builder requestId(String value) {
            return requestId(Optional.of(value));
        }

        public Builder requestId(Optional<String> value) {
            requestId = Objects.requireNonNull(value);
            return this;
        }

        /** Only entries with a sequence below this one (the cursor of the next page). */
        public Builder before(long sequence) {
            return before(Optional.of(sequence));
        }

        public Builder before(Optional<Long> sequence) {
            before = Objects.requireNonNull(sequence);
            return this;
        }

        public Builder limit(int value) {
            limit = value;
            return this;
        }

        public AccessLogQuery build() {
            return new AccessLogQuery(resident, actorId, organisation, client, purpose, from, to, actions, decision,
                    emergency, requestId, before, limit);
        }
    }
}
