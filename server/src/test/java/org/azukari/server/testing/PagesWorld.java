package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;

/**
 * {@link RealIdentityWorld} for page tests in other packages (the operator console, the clinic view): people signed in through the form,
 * pages fetched and forms posted over the same raw HTTP, the session's CSRF token taken from a
 * page's hidden field (every page carries one in the sign-out form). Adds no behaviour.
 */
public abstract class PagesWorld extends RealIdentityWorld {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A page's answer: status, {@code Location} (redirects) and body. */
    public record Page(int status, String location, String body) {
        public static Page of(RawHttp.Response response) {
            return new Page(response.status(), response.header("Location"), response.body());
        }

        /** The session's CSRF token from the page's hidden field (every signed-in page has one). */
        public String csrf() {
            Matcher m = CSRF_FIELD.matcher(body);
            assertThat(m.find()).as("a CSRF field on the page").isTrue();
            return m.group(1);
        }
    }

    protected static final String PASSWORD = RealIdentityWorld.PASSWORD;

    protected String signInAs(String who) throws IOException {
        return signIn(who);
    }

    protected Page page(String path, String session, String... headerLines) throws IOException {
        return Page.of(http.get(path, withSession(session, headerLines)));
    }

    /** Sends a body as is (JSON, FHIR), with the session cookie when there is a session. */
    protected Page send(String method, String path, String contentType, String body, String session,
                        String... headerLines) throws IOException {
        return Page.of(http.send(method, path, contentType, body, withSession(session, headerLines)));
    }

    /** Signs in through the form with a username registered by the test itself. */
    protected String signInWith(String username) throws IOException {
        return signInAs(username, username);
    }

    /** A source feed of {@code organisation} and its access token from the real token endpoint. */
    protected String sourceFeedToken(String id, OrganisationId organisation) throws Exception {
        return accessToken(registerSourceFeed(id, organisation), "system/*.cu");
    }

    private static String[] withSession(String session, String... headerLines) {
        String[] lines = new String[headerLines.length + (session == null ? 0 : 1)];
        System.arraycopy(headerLines, 0, lines, 0, headerLines.length);
        if (session != null) {
            lines[headerLines.length] = cookie(session);
        }
        return lines;
    }

    /** Posts a form as a browser would, with the session cookie (and whatever the form holds). */
    protected Page submit(String path, String session, String... pairs) throws IOException {
        return Page.of(http.postForm(path, form(pairs), cookie(session)));
    }

    /** The session's CSRF token, as a page's hidden field carries it. */
    protected String csrfFromPage(String session, String path) throws IOException {
        return page(path, session).csrf();
    }

    protected String accountOf(String who) {
        return world().people().get(who).account().toString();
    }

    protected ResidentId residentOf(String who) {
        return world().people().get(who).resident().orElseThrow();
    }

    protected OrganisationId hospital() {
        return world().hospital();
    }

    protected OrganisationId clinic() {
        return world().clinic();
    }

    protected OrganisationId wellness() {
        return world().wellness();
    }

    protected String suffix() {
        return world().suffix();
    }

    protected OrganisationId registerOrganisation(String id, OrganisationKind kind, String purpose) {
        return organisation(id, kind, purpose);
    }
}
