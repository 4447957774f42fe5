package org.azukari.server.consent;

import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.Caller;
import org.azukari.server.web.NotFound;

/** The signed-in caller, as the consent APIs need it. */
final class Callers {

    private Callers() {
    }

    static Caller caller() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("no caller behind a protected endpoint");
    }

    /** The caller's resident id; a practitioner on a resident's page finds nothing there. */
    static ResidentId resident() {
        return caller().resident().orElseThrow(() -> new NotFound("not a resident"));
    }

    static AccessActor actor() {
        Caller caller = caller();
        return new AccessActor(caller.kind().name(), caller.account().map(Object::toString)
                .or(() -> caller.client().map(Object::toString)).orElse("unknown"),
                caller.organisation().map(Object::toString), Optional.empty());
    }

    static String accountId() {
        return caller().account().map(Object::toString).orElse("unknown");
    }
}
