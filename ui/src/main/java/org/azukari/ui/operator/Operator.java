package org.azukari.ui.operator;

import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;
import org.azukari.consent.api.AccessActor;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.azukari.ui.web.PageNotFound;
import org.azukari.ui.web.SignedIn;
import org.azukari.ui.web.UiError;

/**
 * The signed-in operator, as the console's services need it. The filter chain lets only operators
 * reach {@code /operator}; reviewing dataset requests is still a permission of its own, checked
 * here as the operator API checks it (a page without it is not found, like any other).
 */
public final class Operator {

    private Operator() {
    }

    /** The operator's account id, as reviews record it. */
    public static String account() {
        return SignedIn.caller().account().map(Object::toString)
                .orElseThrow(() -> new PageNotFound("not a person"));
    }

    public static boolean mayApproveDatasets() {
        Subject subject = SecurityUtils.getSubject();
        return subject.getPrincipal() instanceof Caller caller && caller.account().isPresent()
                && CallerPermission.APPROVE_DATASETS.isHeldBy(subject);
    }

    /** The reviewing operator as the dataset store and the access log record them. */
    public static AccessActor datasetApprover() {
        if (!mayApproveDatasets()) {
            throw new PageNotFound(UiError.DS_0104, "only operators review dataset requests");
        }
        Caller caller = SignedIn.caller();
        return new AccessActor(AccessActor.Kind.named(caller.kind().name()), account(), Optional.empty(), Optional.empty());
    }
}
