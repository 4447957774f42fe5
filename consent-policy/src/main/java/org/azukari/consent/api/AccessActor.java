package org.azukari.consent.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who acted, by ids only: the kind of actor (e.g. {@code RESIDENT}, {@code CLINIC_EMR}),
 * the account or client id (or {@code unknown}, {@code system}), the organisation and client.
 * Never a name, a username that did not resolve, or a credential.
 */
public record AccessActor(Kind kind, String id, Optional<String> organisation, Optional<String> client) {

    /**
     * Every kind of actor the log records: identity's principal kinds by the same names, a pulled
     * source, the bank itself, and an event whose caller was never identified. The name is what the
     * canonical form (and so the hash chain) holds: never rename one.
     */
    public enum Kind {
        RESIDENT, E_RESIDENT, PRACTITIONER, OPERATOR, AUDITOR,
        SOURCE_FEED, CLINIC_EMR, WELLNESS_SERVICE, AUDIT_SYSTEM,
        /** A source's records pulled by the bank on a schedule, not pushed by a client. */
        SOURCE_PULL,
        /** The bank itself (start-up jobs, erasure replay, retention). */
        BANK,
        /** A security event about a caller that was never identified. */
        UNKNOWN;

        /** The kind named {@code name} (a principal kind's or a stored entry's); {@code CP-0101} for any other. */
        public static Kind named(String name) {
            try {
                return valueOf(Objects.requireNonNull(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("CP-0101 malformed access-log actor");
            }
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AccessActor {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(client);
        if (!ID.matcher(id).matches()
                || organisation.filter(o -> !ID.matcher(o).matches()).isPresent()
                || client.filter(c -> !ID.matcher(c).matches()).isPresent()) {
            throw new BadInputException(ConsentPolicyError.CP_0101, "malformed access-log actor");
        }
    }

    /** The bank itself (start-up jobs, erasure replay, retention). */
    public static AccessActor bank() {
        return new AccessActor(Kind.BANK, "system", Optional.empty(), Optional.empty());
    }
}
