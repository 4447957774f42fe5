package org.azukari.identity.api;

import java.util.Optional;
import java.util.function.Function;
import org.apache.shiro.subject.Subject;

/**
 * A permission of the vocabulary as an edge requires it: the family, with the instance filled in
 * from the caller's own organisation or resident, so that an edge names what it needs and Shiro
 * (the realms' grants) answers. Checking a kind instead would let the vocabulary drift from what
 * is enforced; {@code docs/identity.md} lists which edge requires which permission.
 */
public enum CallerPermission {

    READ_OWN_RECORDS(caller -> caller.resident().map(Permissions::readOwnRecords)),
    MANAGE_OWN_DATA(caller -> caller.resident().map(Permissions::manageOwnData)),
    INGEST(caller -> caller.organisation().map(Permissions::ingestAs)),
    REQUEST_RELEASE(caller -> caller.organisation().map(Permissions::requestReleaseFor)),
    REQUEST_DATASETS(caller -> caller.organisation().map(Permissions::requestDatasetsFor)),
    ADMINISTER_REGISTRY(caller -> Optional.of(Permissions.ADMINISTER_REGISTRY)),
    APPROVE_DATASETS(caller -> Optional.of(Permissions.APPROVE_DATASETS)),
    READ_ACCESS_LOG(caller -> Optional.of(Permissions.READ_ACCESS_LOG));

    private final Function<Caller, Optional<String>> forCaller;

    CallerPermission(Function<Caller, Optional<String>> forCaller) {
        this.forCaller = forCaller;
    }

    /** The concrete permission for this caller; empty when the caller has no instance to hold it for. */
    public Optional<String> of(Caller caller) {
        return forCaller.apply(caller);
    }

    /** Whether Shiro grants the subject's caller this permission for its own organisation or resident. */
    public boolean isHeldBy(Subject subject) {
        return subject != null && subject.getPrincipal() instanceof Caller caller
                && of(caller).map(subject::isPermitted).orElse(false);
    }
}
