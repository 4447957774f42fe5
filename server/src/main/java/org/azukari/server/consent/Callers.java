package org.azukari.server.consent;

import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.SignedIn;

/** The signed-in caller, as the consent APIs need it: the pages' {@link SignedIn}, with the APIs' 404. */
final class Callers {

    private Callers() {
    }

    static Caller caller() {
        return SignedIn.caller();
    }

    /** The caller's resident id, held with {@code resident:manage:<own>}; a practitioner finds nothing there. */
    static ResidentId resident() {
        return SignedIn.residentHolding(CallerPermission.MANAGE_OWN_DATA).orElseThrow(() -> new NotFound("not a resident"));
    }

    static AccessActor actor() {
        return SignedIn.actor();
    }

    static String accountId() {
        return caller().account().map(Object::toString).orElse("unknown");
    }
}
