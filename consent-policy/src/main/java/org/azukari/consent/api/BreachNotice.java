package org.azukari.consent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a resident is told about an incident: under the operator's incident reference, that in the
 * window {@code from}–{@code to} the bank released {@code records} records of theirs in these
 * categories through access that was later found compromised (a client, an account or an
 * organisation's), and to whom ({@code organisation}, when the access acted for one). Ids, counts
 * and categories only, never record content.
 */
public record BreachNotice(String incident, ResidentId resident, Optional<String> organisation, Instant from,
                           Instant to, Set<DataCategory> categories, int records, Instant notifiedAt) {

    /** An incident reference: also the request id of the notice's access-log entry. */
    public static final Pattern INCIDENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public BreachNotice {
        Objects.requireNonNull(incident);
        Objects.requireNonNull(resident);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        categories = Set.copyOf(Objects.requireNonNull(categories));
        Objects.requireNonNull(notifiedAt);
        if (!INCIDENT.matcher(incident).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0160, "malformed incident reference");
        }
        if (!from.isBefore(to) || records < 0) {
            throw new BadInputException(ConsentPolicyError.CP_0161, "a notice's window must end after it starts");
        }
    }
}
