package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * One application context for every edge test (same annotations, so Spring caches it): the
 * embedded defaults, a data directory under {@code target}, and the in-memory test realms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"azukari.data-dir=./target/security-test-data", "azukari.demo.enabled=false"})
@Import(InMemoryRealms.class)
public abstract class EdgeTestSupport {

    public static final String COOKIE = "azukari-session";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    protected int port;

    @Autowired
    protected InMemoryRealms.RecordingSecurityEvents securityEvents;

    protected RawHttp http;

    @BeforeEach
    protected void rawClient() {
        http = new RawHttp(port);
    }

    /** A visitor who opened the sign-in page: their pre-sign-in session and its CSRF token. */
    public record Visitor(String session, String csrf) {

        public String cookieHeader() {
            return "Cookie: " + COOKIE + "=" + session;
        }
    }

    protected Visitor openSignInPage() throws IOException {
        RawHttp.Response page = http.get("/signin");
        assertThat(page.status()).isEqualTo(200);
        String session = page.cookie(COOKIE);
        assertThat(session).as("a session for the sign-in form").isNotBlank();
        return new Visitor(session, csrfIn(page.body()));
    }

    public static String csrfIn(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("a CSRF field in the page").isTrue();
        return m.group(1);
    }

    protected RawHttp.Response submitSignIn(Visitor visitor, String username, String password) throws IOException {
        return http.postForm("/signin", form("username", username, "password", password, "code", "",
                "_csrf", visitor.csrf()), visitor.cookieHeader());
    }

    /** Signs in and answers the new session's cookie value. */
    protected String signIn(String username) throws IOException {
        Visitor visitor = openSignInPage();
        RawHttp.Response answer = submitSignIn(visitor, username, InMemoryRealms.PASSWORD);
        assertThat(answer.status()).isEqualTo(302);
        String session = answer.cookie(COOKIE);
        assertThat(session).isNotBlank().isNotEqualTo(visitor.session());
        return session;
    }

    public static String cookie(String session) {
        return "Cookie: " + COOKIE + "=" + session;
    }

    public static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
