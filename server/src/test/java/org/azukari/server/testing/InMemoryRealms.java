package org.azukari.server.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UnknownAccountException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.authc.credential.SimpleCredentialsMatcher;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.BearerToken;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test fixtures for the edge, until identity's realms land (and alongside them after): an
 * in-memory password realm and bearer-token realm whose principals are {@link Caller}s, and a
 * security-event sink that remembers what it was given.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryRealms {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String OPERATOR = "edge-test-operator";
    public static final String RESIDENT = "edge-test-resident";
    public static final String AUDITOR = "edge-test-auditor";
    public static final String SYSTEM_TOKEN = "edge-test-token.c2lnbmVk-by_a~clinic";

    public static final Caller OPERATOR_CALLER = Caller.person(PrincipalKind.OPERATOR, new AccountId(
            UUID.fromString("00000000-0000-4000-8000-0000000000a1")), Optional.empty(), Optional.empty());
    public static final Caller RESIDENT_CALLER = Caller.person(PrincipalKind.RESIDENT, new AccountId(
            UUID.fromString("00000000-0000-4000-8000-0000000000a2")), Optional.empty(),
            Optional.of(new ResidentId(UUID.fromString("00000000-0000-4000-8000-0000000000b2"))));
    public static final Caller AUDITOR_CALLER = Caller.person(PrincipalKind.AUDITOR, new AccountId(
            UUID.fromString("00000000-0000-4000-8000-0000000000a3")), Optional.empty(), Optional.empty());
    public static final Caller SYSTEM_CALLER = Caller.system(PrincipalKind.CLINIC_EMR, new ClientId("edge-test-emr"),
            new OrganisationId("edge-test-clinic"));

    @Bean
    public AuthorizingRealm edgeTestPasswordRealm() {
        return new FixedRealm(UsernamePasswordToken.class, Map.of(
                OPERATOR, new Account(OPERATOR_CALLER, PASSWORD),
                RESIDENT, new Account(RESIDENT_CALLER, PASSWORD),
                AUDITOR, new Account(AUDITOR_CALLER, PASSWORD)));
    }

    @Bean
    public AuthorizingRealm edgeTestBearerRealm() {
        return new FixedRealm(BearerToken.class, Map.of(SYSTEM_TOKEN, new Account(SYSTEM_CALLER, SYSTEM_TOKEN)));
    }

    /** Not primary: the access-log bridge is, and it passes every event on to this one too. */
    @Bean
    public RecordingSecurityEvents recordingSecurityEvents() {
        return new RecordingSecurityEvents();
    }

    public record Account(Caller caller, String secret) {
    }

    /** Looks accounts up by user name (password tokens) or by the token itself (bearer tokens). */
    public static final class FixedRealm extends AuthorizingRealm {

        private final Map<String, Account> accounts;

        public FixedRealm(Class<? extends AuthenticationToken> tokenType, Map<String, Account> accounts) {
            this.accounts = accounts;
            setAuthenticationTokenClass(tokenType);
            setCredentialsMatcher(new SimpleCredentialsMatcher());
            setName("edge-test-" + tokenType.getSimpleName());
        }

        @Override
        protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
            String key = token instanceof BearerToken bearer ? bearer.token()
                    : ((UsernamePasswordToken) token).getUsername();
            Account account = accounts.get(key);
            if (account == null) {
                throw new UnknownAccountException();
            }
            return new SimpleAuthenticationInfo(account.caller(), account.secret(), getName());
        }

        @Override
        protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
            return new SimpleAuthorizationInfo();
        }
    }

    public static final class RecordingSecurityEvents implements SecurityEvents {

        public final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void record(SecurityEvent event) {
            events.add(event);
        }
    }
}
