package org.azukari.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the web security edge.
 *
 * @param secureCookies whether the session cookie is {@code Secure} (and {@code __Host-} prefixed);
 *                      true unless the embedded http-only default turns it off
 * @param sessionIdleTimeout how long a signed-in session lives without a request
 */
@ConfigurationProperties("azukari.security")
public record SecuritySettings(Boolean secureCookies, Duration sessionIdleTimeout) {

    public SecuritySettings {
        secureCookies = secureCookies == null ? Boolean.TRUE : secureCookies;
        sessionIdleTimeout = sessionIdleTimeout == null ? Duration.ofMinutes(15) : sessionIdleTimeout;
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException("azukari.security.session-idle-timeout must be positive");
        }
    }

    /** {@code __Host-} makes the browser refuse the cookie unless Secure, Path=/ and host-only. */
    String sessionCookieName() {
        return secureCookies ? "__Host-azukari-session" : "azukari-session";
    }
}
