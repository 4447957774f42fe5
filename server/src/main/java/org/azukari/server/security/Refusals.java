package org.azukari.server.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.UnavailableSecurityManagerException;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.util.WebUtils;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Every refusal by the edge's filters goes through here: it is answered in the path's error
 * shape and recorded as {@link SecurityEvent.Type#ACCESS_REFUSED} (ids, reason code and path only).
 */
final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);
    private static final int MAX_RECORDED_PATH = 256;

    private final ObjectProvider<SecurityEvents> events;
    private final Clock clock;

    Refusals(ObjectProvider<SecurityEvents> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    void unauthenticated(ServletRequest request, ServletResponse response, String reasonCode) throws IOException {
        HttpServletRequest http = WebUtils.toHttp(request);
        HttpServletResponse out = WebUtils.toHttp(response);
        String path = Responses.path(http);
        record(reasonCode, path);
        Responses.write(out, path, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required.");
    }

    void bearerRefused(ServletRequest request, ServletResponse response, String reasonCode) throws IOException {
        HttpServletResponse out = WebUtils.toHttp(response);
        out.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        String path = Responses.path(WebUtils.toHttp(request));
        record(reasonCode, path);
        Responses.write(out, path, HttpServletResponse.SC_UNAUTHORIZED,
                "A valid bearer access token is required.");
    }

    /**
     * The caller could not be checked because a store was down: 503 with {@code Retry-After}, in
     * the path's error shape. Not a refusal of the caller, so no security event (its store is
     * likely the one that is down); a log line with the code and path.
     */
    void unavailable(ServletRequest request, ServletResponse response, String code) throws IOException {
        HttpServletResponse out = WebUtils.toHttp(response);
        String path = Responses.path(WebUtils.toHttp(request));
        log.warn("{} caller not checked, identity store unavailable: path={}", code, sanitise(limit(path)));
        out.setHeader("Retry-After", Responses.RETRY_AFTER_SECONDS);
        Responses.write(out, path, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                "The bank cannot check credentials right now; nothing was done. Try again later.");
    }

    /**
     * The same as {@link #unavailable} for a page chain (portal, clinic view, console): a person's
     * browser gets the 503 page in both languages, not problem details. Written here because the
     * filter runs before Spring MVC's page errors; the words are those of the ui's 503 page.
     */
    void unavailablePage(ServletRequest request, ServletResponse response, String code) throws IOException {
        HttpServletResponse out = WebUtils.toHttp(response);
        String path = Responses.path(WebUtils.toHttp(request));
        log.warn("{} caller not checked, identity store unavailable: path={}", code, sanitise(limit(path)));
        out.setHeader("Retry-After", Responses.RETRY_AFTER_SECONDS);
        Responses.writePage(out, HttpServletResponse.SC_SERVICE_UNAVAILABLE, UNAVAILABLE_PAGE.formatted(code));
    }

    private static final String UNAVAILABLE_PAGE = """
            <!DOCTYPE html>
            <html lang="ja">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>一時的に利用できません / Temporarily unavailable</title></head>
            <body><main>
            <h1>一時的に利用できません</h1>
            <p>データを守るために必要なサービスが現在利用できないため、何も表示・変更していません。しばらくしてからお試しください。</p>
            <h1 lang="en">Temporarily unavailable</h1>
            <p lang="en">A service the bank needs to protect your data is not available right now, so nothing was shown or changed. Please try again later.</p>
            <p><small>%s</small></p>
            </main></body>
            </html>
            """;

    void forbidden(ServletRequest request, ServletResponse response, String reasonCode) throws IOException {
        String path = Responses.path(WebUtils.toHttp(request));
        record(reasonCode, path);
        Responses.write(WebUtils.toHttp(response), path, HttpServletResponse.SC_FORBIDDEN, "Not allowed.");
    }

    void redirectToSignIn(ServletRequest request, ServletResponse response, String reasonCode) throws IOException {
        HttpServletRequest http = WebUtils.toHttp(request);
        record(reasonCode, Responses.path(http));
        HttpServletResponse out = WebUtils.toHttp(response);
        out.setHeader("Cache-Control", "no-store");
        out.sendRedirect(http.getContextPath() + "/signin");
    }

    private static String limit(String path) {
        return path == null ? "" : path.length() > MAX_RECORDED_PATH ? path.substring(0, MAX_RECORDED_PATH) : path;
    }

    private void record(String reasonCode, String path) {
        String recordedPath = limit(path);
        Optional<Caller> caller = currentCaller();
        String subject = caller.map(Refusals::subjectOf).orElse("anonymous");
        Optional<PrincipalKind> kind = caller.map(Caller::kind);
        log.info("access refused: reason={} subject={} path={}", reasonCode, subject, sanitise(recordedPath));
        SecurityEvents sink = events.getIfAvailable();
        if (sink == null) {
            return;
        }
        try {
            sink.record(new SecurityEvent(clock.instant(), SecurityEvent.Type.ACCESS_REFUSED, kind, subject,
                    caller.flatMap(Caller::organisation), reasonCode, Optional.of(recordedPath)));
        } catch (RuntimeException e) {
            // the refusal stands whether or not it could be recorded
            log.warn("access refusal could not be recorded: {}", e.getClass().getSimpleName());
        }
    }

    static Optional<Caller> currentCaller() {
        try {
            Subject subject = SecurityUtils.getSubject();
            return subject.getPrincipal() instanceof Caller caller ? Optional.of(caller) : Optional.empty();
        } catch (UnavailableSecurityManagerException e) {
            return Optional.empty();
        }
    }

    static String subjectOf(Caller caller) {
        return caller.account().map(Object::toString)
                .or(() -> caller.client().map(Object::toString))
                .orElse("unknown");
    }

    /** Paths come from the client: keep control characters out of the log line. */
    private static String sanitise(String text) {
        return text.replaceAll("[\\p{Cntrl}]", "?");
    }
}
