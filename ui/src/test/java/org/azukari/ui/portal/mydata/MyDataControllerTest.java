package org.azukari.ui.portal.mydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.util.ThreadContext;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.Permissions;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.ui.portal.activity.ResidentActivity;
import org.azukari.ui.records.ResidentRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The download above the trust bank and the access log (both mocked here; the real ones are in the
 * server's page tests): with the access log down nothing is decrypted and nothing is sent.
 */
class MyDataControllerTest {

    private final ResidentId resident = ResidentId.random();
    private final TrustBank bank = mock(TrustBank.class);
    private final AccessLog accessLog = mock(AccessLog.class);

    @BeforeEach
    void signedInResident() {
        Caller caller = Caller.person(PrincipalKind.RESIDENT, new AccountId(java.util.UUID.randomUUID()),
                Optional.empty(), Optional.of(resident));
        // what identity's password realm grants a resident: their own data, nothing else
        AuthorizingRealm realm = new AuthorizingRealm() {
            @Override
            protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
                SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
                info.addStringPermission(Permissions.readOwnRecords(resident));
                info.addStringPermission(Permissions.manageOwnData(resident));
                return info;
            }

            @Override
            protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
                return null;
            }
        };
        Subject subject = new Subject.Builder(new DefaultSecurityManager(realm))
                .principals(new SimplePrincipalCollection(caller, "test")).authenticated(true).buildSubject();
        ThreadContext.bind(subject);
    }

    @AfterEach
    void signOut() {
        ThreadContext.unbindSubject();
    }

    @Test
    @SuppressWarnings("unchecked")
    void download_withTheAccessLogDown_decryptsNothing_andSendsNothing() {
        when(bank.isEnrolled(resident)).thenReturn(true);
        when(bank.list(resident)).thenReturn(List.of(new StoredRecord(resident, RecordId.random(), RecordVersion.FIRST,
                new ResourceType("Observation"), DataCategory.MEDICAL, Instant.now())));
        when(accessLog.append(any())).thenThrow(new AccessLogUnavailableException("log down", null));
        MyDataController controller = new MyDataController(bank, new ResidentRecords(bank, null), accessLog,
                mock(Consents.class), mock(ResidentActivity.class), mock(ObjectProvider.class));
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> controller.download(response)).isInstanceOf(AccessLogUnavailableException.class);

        verify(bank, never()).readAll(any());
        verify(bank, never()).read(any(), any());
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.getHeader("Content-Disposition")).isNull();
    }
}
