package org.azukari.server.fhir;

import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.UnavailableSecurityManagerException;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.Subject;
import org.azukari.fhir.server.FhirCallers;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.SmartScopes;
import org.springframework.stereotype.Component;

/** The FHIR server's caller: the subject the bearer-token filter authenticated for this request. */
@Component
final class ShiroFhirCallers implements FhirCallers {

    @Override
    public Optional<AuthenticatedCaller> current() {
        Subject subject;
        try {
            subject = SecurityUtils.getSubject();
        } catch (UnavailableSecurityManagerException e) {
            return Optional.empty();
        }
        if (subject == null || !subject.isAuthenticated() || !(subject.getPrincipal() instanceof Caller caller)) {
            return Optional.empty();
        }
        PrincipalCollection principals = subject.getPrincipals();
        SmartScopes scopes = principals.oneByType(SmartScopes.class);
        Subject asked = subject;
        return Optional.of(new AuthenticatedCaller(caller, scopes == null ? new SmartScopes(java.util.Set.of()) : scopes,
                permission -> permission.isHeldBy(asked)));
    }
}
