package org.azukari.ui.web;

import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.Caller;

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

    /** The signed-in resident or e-resident; anyone else finds nothing on a resident's page. */
    public static ResidentId resident() {
        return caller().resident().orElseThrow(() -> new PageNotFound("not a resident"));
    }

    /** The caller as the access log and the consent store record them (ids only). */
    public static AccessActor actor() {
        Caller caller = caller();
        return new AccessActor(caller.kind().name(), caller.account().map(Object::toString)
                .or(() -> caller.client().map(Object::toString)).orElse("unknown"),
                caller.organisation().map(Object::toString), Optional.empty());
    }
}
