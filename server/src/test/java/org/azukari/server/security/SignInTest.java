package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.EdgeTestSupport;
import org.azukari.server.testing.InMemoryRealms;
import org.azukari.server.testing.RawHttp;

/** People's sign-in, sessions, CSRF and sign-out, over real HTTP. */
class SignInTest extends EdgeTestSupport {

    @Test
    void signInPage_startsASessionWithAHttpOnlySameSiteCookieAndACsrfToken() throws IOException {
        RawHttp.Response page = http.get("/signin", "Accept-Language: en");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in to Azukari").contains("name=\"_csrf\"")
                .contains("action=\"/signin\"").doesNotContainIgnoringCase("jsessionid");
        String setCookie = page.setCookieLine(COOKIE);
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");
        // the embedded default runs on plain http; production makes it Secure (SessionCookieTest)
        assertThat(setCookie).doesNotContain("Secure");
    }

    @Test
    void signInPage_speaksJapanese() throws IOException {
        RawHttp.Response page = http.get("/signin", "Accept-Language: ja");

        assertThat(page.body()).contains("サインイン").contains("パスワード");
    }

    @Test
    void signIn_wrongPasswordAndUnknownUser_answerTheSameStatusAndBody() throws IOException {
        Visitor visitor = openSignInPage();

        RawHttp.Response wrongPassword = submitSignIn(visitor, InMemoryRealms.OPERATOR, "not the password");
        RawHttp.Response unknownUser = submitSignIn(visitor, "no-such-person", "not the password");
        RawHttp.Response emptyPassword = submitSignIn(visitor, InMemoryRealms.OPERATOR, "");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(emptyPassword.status()).isEqualTo(401);
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body()).isEqualTo(emptyPassword.body());
        assertThat(wrongPassword.body()).contains("id=\"signin-failed\"")
                .doesNotContain(InMemoryRealms.OPERATOR).doesNotContain("no-such-person");
        // a failure neither signs in nor rotates the session
        assertThat(wrongPassword.headers("Set-Cookie")).isEmpty();
        assertThat(http.get("/api/operator/whoami", visitor.cookieHeader()).status()).isEqualTo(401);
    }

    @Test
    void signIn_overLongInput_isRefusedLikeAnyOtherFailure() throws IOException {
        Visitor visitor = openSignInPage();

        RawHttp.Response answer = submitSignIn(visitor, InMemoryRealms.OPERATOR, "p".repeat(5000));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("id=\"signin-failed\"");
    }

    @Test
    void signIn_success_startsANewSession_andTheOldOneIsDead() throws IOException {
        Visitor visitor = openSignInPage();

        RawHttp.Response answer = submitSignIn(visitor, InMemoryRealms.OPERATOR, InMemoryRealms.PASSWORD);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/operator");
        String newSession = answer.cookie(COOKIE);
        assertThat(newSession).isNotBlank().isNotEqualTo(visitor.session()).isNotEqualTo("deleteMe");
        assertThat(answer.setCookieLine(COOKIE)).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");

        RawHttp.Response whoami = http.get("/api/operator/whoami", cookie(newSession));
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.body()).contains("\"kind\":\"OPERATOR\"");
        // the pre-sign-in session id (which an attacker may have planted) opens nothing
        assertThat(http.get("/api/operator/whoami", visitor.cookieHeader()).status()).isEqualTo(401);
    }

    @Test
    void signIn_sessionIdInUrlInsteadOfCookie_isIgnored() throws IOException {
        String session = signIn(InMemoryRealms.OPERATOR);

        assertThat(http.get("/api/operator/whoami;JSESSIONID=" + session).status()).isNotEqualTo(200);
        assertThat(http.get("/api/operator/whoami?JSESSIONID=" + session).status()).isEqualTo(401);
        assertThat(http.get("/api/operator/whoami?azukari-session=" + session).status()).isEqualTo(401);
    }

    @Test
    void signIn_landsEachKindOnItsOwnPage_andOtherKindsPagesAreForbidden() throws IOException {
        String resident = signIn(InMemoryRealms.RESIDENT);
        String auditor = signIn(InMemoryRealms.AUDITOR);
        String operator = signIn(InMemoryRealms.OPERATOR);

        RawHttp.Response portal = http.get("/portal", cookie(resident), "Accept-Language: en");
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.body()).contains("id=\"portal-home\"");
        assertThat(http.get("/api/audit/whoami", cookie(auditor)).body()).contains("\"kind\":\"AUDITOR\"");

        assertThat(http.get("/api/operator/whoami", cookie(resident)).status()).isEqualTo(403);
        assertThat(http.get("/api/audit/whoami", cookie(operator)).status()).isEqualTo(403);
        assertThat(http.get("/portal", cookie(operator)).status()).isEqualTo(403);
        RawHttp.Response forbidden = http.get("/api/operator/whoami", cookie(auditor));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void portal_notSignedIn_redirectsToSignIn() throws IOException {
        RawHttp.Response answer = http.get("/portal");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/signin");
    }

    @Test
    void signIn_withoutOrWithWrongCsrfToken_isForbidden_andSignsNoOneIn() throws IOException {
        Visitor visitor = openSignInPage();
        String credentials = form("username", InMemoryRealms.OPERATOR, "password", InMemoryRealms.PASSWORD);

        RawHttp.Response missing = http.postForm("/signin", credentials, visitor.cookieHeader());
        RawHttp.Response wrong = http.postForm("/signin", credentials + "&_csrf=" + visitor.csrf() + "x",
                visitor.cookieHeader());
        RawHttp.Response noSession = http.postForm("/signin", credentials + "&_csrf=" + visitor.csrf());
        RawHttp.Response otherSessionsToken = http.postForm("/signin",
                credentials + "&_csrf=" + openSignInPage().csrf(), visitor.cookieHeader());

        for (RawHttp.Response answer : new RawHttp.Response[] {missing, wrong, noSession, otherSessionsToken}) {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.cookie(COOKIE)).isNull();
        }
        assertThat(http.get("/api/operator/whoami", visitor.cookieHeader()).status()).isEqualTo(401);
    }

    @Test
    void stateChangingRequest_fromASession_needsTheCsrfHeader() throws IOException {
        Visitor visitor = openSignInPage();
        RawHttp.Response signedIn = submitSignIn(visitor, InMemoryRealms.OPERATOR, InMemoryRealms.PASSWORD);
        String session = signedIn.cookie(COOKIE);
        String token = csrfOf(session);
        assertThat(http.get("/api/operator/whoami", cookie(session)).body())
                .as("whoami tells the session's own scripts its token").contains("\"csrfToken\":\"" + token + "\"");

        RawHttp.Response without = http.send("POST", "/api/operator/whoami", "application/json", "{}", cookie(session));
        RawHttp.Response withOld = http.send("POST", "/api/operator/whoami", "application/json", "{}", cookie(session),
                "X-CSRF-Token: " + visitor.csrf());
        RawHttp.Response with = http.send("POST", "/api/operator/whoami", "application/json", "{}", cookie(session),
                "X-CSRF-Token: " + token);

        assertThat(without.status()).isEqualTo(403);
        assertThat(withOld.status()).as("the pre-sign-in token died with its session").isEqualTo(403);
        // past the edge: no POST handler there, answered as problem details without a stack trace
        assertThat(with.status()).isEqualTo(405);
        assertThat(with.header("Content-Type")).startsWith("application/problem+json");
        assertThat(with.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void signOut_withoutCsrf_isForbidden_andTheSessionLives() throws IOException {
        String session = signIn(InMemoryRealms.RESIDENT);

        assertThat(http.postForm("/signout", "", cookie(session)).status()).isEqualTo(403);
        assertThat(http.get("/portal", cookie(session)).status()).isEqualTo(200);
    }

    @Test
    void signOut_endsTheSession_andTheOldCookieNoLongerWorks() throws IOException {
        String session = signIn(InMemoryRealms.RESIDENT);
        String token = csrfOf(session);

        RawHttp.Response out = http.postForm("/signout", form("_csrf", token), cookie(session));

        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).contains("/signin");
        assertThat(out.setCookieLine(COOKIE)).contains("deleteMe");
        assertThat(http.get("/portal", cookie(session)).status()).isEqualTo(302);
        assertThat(http.get("/portal", cookie(session)).header("Location")).endsWith("/signin");
    }

    /** The CSRF token of a signed-in resident's or operator's session, as its pages show it. */
    private String csrfOf(String session) throws IOException {
        // /signin renders the token of whatever session the request carries
        return csrfIn(http.get("/signin", cookie(session)).body());
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.apache.shiro.mgt.SessionsSecurityManager securityManager;

    @Test
    void sessions_expireAfterFifteenIdleMinutes_andNothingIsRemembered() {
        org.apache.shiro.web.session.mgt.DefaultWebSessionManager sessions =
                (org.apache.shiro.web.session.mgt.DefaultWebSessionManager) securityManager.getSessionManager();

        assertThat(sessions.getGlobalSessionTimeout()).isEqualTo(15 * 60 * 1000L);
        assertThat(sessions.isSessionIdUrlRewritingEnabled()).isFalse();
        assertThat(((org.apache.shiro.mgt.DefaultSecurityManager) securityManager).getRememberMeManager()).isNull();
    }
}
