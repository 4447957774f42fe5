package org.azukari.server.datasets;

import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.Recipient;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.server.web.Forbidden;
import org.azukari.ui.web.UiError;

/**
 * The wellness service behind a system call: a client holding
 * {@code dataset:request:<its organisation>}; any other system (a clinic EMR, a source
 * feed) is refused with 403 {@code DS-0103} before anything is read.
 */
record WellnessCallers(Caller caller, OrganisationId organisation) {

    static WellnessCallers current() {
        Subject subject = SecurityUtils.getSubject();
        if (subject.getPrincipal() instanceof Caller caller && caller.client().isPresent()
                && CallerPermission.REQUEST_DATASETS.isHeldBy(subject)) {
            return new WellnessCallers(caller, caller.organisation().get());
        }
        throw new Forbidden(UiError.DS_0103, "only a wellness service files dataset requests");
    }

    Recipient recipient() {
        return Recipient.organisation(organisation.value());
    }

    AccessActor actor() {
        String client = caller.client().orElseThrow().toString();
        return new AccessActor(AccessActor.Kind.WELLNESS_SERVICE, client, Optional.of(organisation.value()),
                Optional.of(client));
    }
}
