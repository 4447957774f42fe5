package org.azukari.identity.people;

import java.util.Locale;
import java.util.Set;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.subject.PrincipalCollection;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.Permissions;

/**
 * What each kind of person may call, from {@link Permissions} only. Operators administer and
 * approve but hold nothing that reads records; practitioners ask for releases as their own
 * organisation (consent then decides); residents act on their own data alone.
 */
public final class PersonPermissions {

    private PersonPermissions() {
    }

    /**
     * The authorisation a person realm answers: the permissions of the first person among the
     * principals that realm put there, none when there is no person (a system, another realm's).
     */
    public static SimpleAuthorizationInfo ofPersonIn(PrincipalCollection principals, String realm) {
        for (Object principal : principals.fromRealm(realm)) {
            if (principal instanceof Caller caller && caller.kind().isPerson()) {
                return of(caller);
            }
        }
        return new SimpleAuthorizationInfo();
    }

    public static SimpleAuthorizationInfo of(Caller caller) {
        SimpleAuthorizationInfo info =
                new SimpleAuthorizationInfo(Set.of(caller.kind().name().toLowerCase(Locale.ROOT)));
        switch (caller.kind()) {
            case RESIDENT, E_RESIDENT -> caller.resident().ifPresent(own -> {
                info.addStringPermission(Permissions.readOwnRecords(own));
                info.addStringPermission(Permissions.manageOwnData(own));
            });
            case PRACTITIONER -> caller.organisation()
                    .ifPresent(own -> info.addStringPermission(Permissions.requestReleaseFor(own)));
            case OPERATOR -> {
                info.addStringPermission(Permissions.ADMINISTER_REGISTRY);
                info.addStringPermission(Permissions.APPROVE_DATASETS);
            }
            case AUDITOR -> info.addStringPermission(Permissions.READ_ACCESS_LOG);
            default -> {
                // systems are not people: no permissions from this realm
            }
        }
        return info;
    }
}
