package org.azukari.server.consent;

import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.Caller;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.SignedIn;

/** The signed-in caller, as the consent APIs need it: the pages' {@link SignedIn}, with the APIs' 404. */
final class Callers {

    private Callers() {
    }

    static Caller caller() {
        return SignedIn.caller();
    }

    /** The caller's resident id; a practitioner on a resident's page finds nothing there. */
    static ResidentId resident() {
        return caller().resident().orElseThrow(() -> new NotFound("not a resident"));
    }

    static AccessActor actor() {
        return SignedIn.actor();
    }

    static String accountId() {
        return caller().account().map(Object::toString).orElse("unknown");
    }
}
