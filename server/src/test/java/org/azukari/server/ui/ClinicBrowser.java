package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript for the page tests: follows no redirects, sends the session cookie
 * it is given, posts forms url-encoded. Each call is one request.
 */
final class ClinicBrowser {

    static final String COOKIE = "azukari-session";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();

    ClinicBrowser(int port) {
        this.port = port;
    }

    record Page(int status, HttpResponse<String> response) {

        String body() {
            return response.body();
        }

        String location() {
            return response.headers().firstValue("Location").orElse(null);
        }

        String cookie(String name) {
            String found = null;
            for (String line : response.headers().allValues("Set-Cookie")) {
                if (line.startsWith(name + "=")) {
                    found = line.split(";", 2)[0].substring(name.length() + 1);
                }
            }
            return found;
        }

        /** The CSRF token every signed-in page carries (in the sign-out form). */
        String csrf() {
            Matcher m = CSRF_FIELD.matcher(body());
            assertThat(m.find()).as(body()).isTrue();
            return m.group(1);
        }
    }

    Page get(String path, String session, String... headers) throws IOException {
        return send(request(path, session, headers).GET());
    }

    Page post(String path, String session, String contentType, String body, String... headers) throws IOException {
        return send(request(path, session, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    Page postForm(String path, String session, String... pairs) throws IOException {
        return post(path, session, "application/x-www-form-urlencoded", form(pairs));
    }

    /** Signs a person in through the form; answers their session cookie value. */
    String signIn(String username, String password) throws IOException {
        Page page = get("/signin", null);
        String visitor = page.cookie(COOKIE);
        Page answer = postForm("/signin", visitor, "username", username, "password", password, "code", "",
                "_csrf", page.csrf());
        assertThat(answer.status()).as("sign-in of " + username).isEqualTo(302);
        return answer.cookie(COOKIE);
    }

    static String form(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    private HttpRequest.Builder request(String path, String session, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(120));
        if (session != null) {
            builder.header("Cookie", COOKIE + "=" + session);
        }
        for (String header : headers) {
            String[] nameValue = header.split(":\\s*", 2);
            builder.header(nameValue[0], nameValue[1]);
        }
        return builder;
    }

    private Page send(HttpRequest.Builder builder) throws IOException {
        try {
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
