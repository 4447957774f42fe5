package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.shiro.web.servlet.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The session cookie as production writes it (secure cookies on). */
class SessionCookieTest {

    @Test
    void sessionCookie_inProduction_isSecureHttpOnlySameSiteAndHostPrefixed() {
        Cookie cookie = ShiroConfiguration.sessionCookie(new SecuritySettings(true, Duration.ofMinutes(15)));
        MockHttpServletResponse response = new MockHttpServletResponse();
        Cookie written = new org.apache.shiro.web.servlet.SimpleCookie(cookie);
        written.setValue("abc");

        written.saveTo(new MockHttpServletRequest(), response);

        assertThat(response.getHeader("Set-Cookie"))
                .startsWith("__Host-azukari-session=abc")
                .contains("; Path=/").contains("; Secure").contains("; HttpOnly").containsIgnoringCase("; SameSite=Lax")
                .doesNotContain("Domain=");
    }

    @Test
    void settings_default_toSecureCookiesAndFifteenMinutes() {
        SecuritySettings defaults = new SecuritySettings(null, null);

        assertThat(defaults.secureCookies()).isTrue();
        assertThat(defaults.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void applicationProperties_turnSecureCookiesOnForTheProductionProfileOnly() throws java.io.IOException {
        java.util.List<org.springframework.core.env.PropertySource<?>> documents =
                new org.springframework.boot.env.PropertiesPropertySourceLoader().load("application",
                        new org.springframework.core.io.ClassPathResource("application.properties"));

        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).getProperty("azukari.security.secure-cookies"))
                .hasToString("${AZUKARI_SECURE_COOKIES:false}");
        assertThat(documents.get(1).getProperty("spring.config.activate.on-profile")).hasToString("production");
        assertThat(documents.get(1).getProperty("azukari.security.secure-cookies")).hasToString("true");
    }
}
