package org.azukari.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.azukari.fhir.validation.JsonPreScan;
import org.azukari.fhir.validation.JsonRefusal;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what {@code /fhir} reads before HAPI parses anything: a body over the limit, on the wire
 * or inflated, is answered 413 whether it declared its length or streamed it chunked; a JSON body
 * that fails the {@link JsonPreScan} is answered 400. Each answer carries an OperationOutcome
 * that never quotes the body. The body is read at most once, up to the limit plus one byte.
 */
final class FhirBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final int maxCompressionRatio;
    private final JsonPreScan preScan;

    FhirBodyLimitFilter(long maxBytes, int maxCompressionRatio, JsonPreScan preScan) {
        this.maxBytes = maxBytes;
        this.maxCompressionRatio = maxCompressionRatio;
        this.preScan = preScan;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        BoundedBody body;
        try {
            if (request.getContentLengthLong() > maxBytes) {
                throw new BodyRefused(413, OperationOutcome.IssueType.TOOLONG, FhirGatewayError.FG_0201,
                        "the request body is larger than the " + maxBytes + " bytes this server reads");
            }
            body = BoundedBody.read(request, maxBytes, maxCompressionRatio);
        } catch (BodyRefused refused) {
            refuse(response, refused.status(), refused.type(), refused.getMessage(), true);
            return;
        }
        if (isJson(request, body)) {
            Optional<JsonRefusal> refusal = preScan.scan(body.bytes(), body.length());
            if (refusal.isPresent()) {
                refuse(response, 400, OperationOutcome.IssueType.INVALID, refusal.get().diagnostics(), false);
                return;
            }
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    /** Declared JSON, or undeclared and looking like it (HAPI would guess the same). */
    private static boolean isJson(HttpServletRequest request, BoundedBody body) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return true;
        }
        if (type.contains("xml")) {
            return false;
        }
        byte[] bytes = body.bytes();
        for (int i = 0; i < body.length(); i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return bytes[i] == '{' || bytes[i] == '[';
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, int status, OperationOutcome.IssueType type,
                               String diagnostics, boolean close) throws IOException {
        OperationOutcome outcome = OperationOutcomes.error(type, diagnostics);
        response.setStatus(status);
        if (close) {
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request with its body already read into memory, inflated: HAPI must not inflate it
     * again, so the {@code Content-Encoding} header is gone.
     */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private static final String CONTENT_ENCODING = "Content-Encoding";
        private final BoundedBody body;

        BufferedBody(HttpServletRequest request, BoundedBody body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getHeader(String name) {
            return CONTENT_ENCODING.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return CONTENT_ENCODING.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !CONTENT_ENCODING.equalsIgnoreCase(name)).toList());
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = body.stream();
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The whole body is already here: the listener may read it all at once. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (java.io.IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length();
        }

        @Override
        public long getContentLengthLong() {
            return body.length();
        }
    }
}
