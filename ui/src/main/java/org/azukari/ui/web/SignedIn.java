package org.azukari.ui.web;

import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;

/**
 * The person the security edge signed in for this request (the filter chain guarantees one on
 * every page behind it). Pages take the resident from here, never from the request, so there is
 * no other resident to ask about.
 */
public final class SignedIn {

    private SignedIn() {
    }

    public static Caller caller() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("no caller behind a protected page");
    }

    /**
     * The signed-in resident or e-resident acting on their own data ({@code resident:manage:<own>}):
     * consents, sharing, the access log, download and erasure. Anyone else finds nothing there.
     */
    public static ResidentId resident() {
        return residentHolding(CallerPermission.MANAGE_OWN_DATA).orElseThrow(() -> new PageNotFound("not a resident"));
    }

    /** The signed-in resident reading their own records ({@code record:read:<own>}); anyone else finds nothing. */
    public static ResidentId residentReadingRecords() {
        return residentHolding(CallerPermission.READ_OWN_RECORDS).orElseThrow(() -> new PageNotFound("not a resident"));
    }

    /** The signed-in caller's resident id, if Shiro grants them {@code permission} on it. */
    public static Optional<ResidentId> residentHolding(CallerPermission permission) {
        return caller().resident().filter(own -> permission.isHeldBy(SecurityUtils.getSubject()));
    }

    /** The caller as the access log and the consent store record them (ids only). */
    public static AccessActor actor() {
        Caller caller = caller();
        return new AccessActor(AccessActor.Kind.named(caller.kind().name()), caller.account().map(Object::toString)
                .or(() -> caller.client().map(Object::toString)).orElse("unknown"),
                caller.organisation().map(Object::toString), Optional.empty());
    }
}
