package org.azukari.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.azukari.fhir.release.ReceiptFacts;
import org.azukari.fhir.release.Receipts;
import org.azukari.fhir.release.ReleaseRefusedException;

/**
 * Sends a release itself, so that its receipt can state the hash of the exact bytes sent:
 * compact JSON ({@code _format}, {@code _pretty}, {@code _summary} and {@code _elements} of
 * HAPI do not apply to released data), {@code X-Azukari-Receipt} (base64url of the receipt's
 * canonical JSON) and {@code X-Azukari-Receipt-Signature} (the bank's signature over it).
 */
final class ReleaseResponseInterceptor {

    static final String RECEIPT_HEADER = "X-Azukari-Receipt";
    static final String SIGNATURE_HEADER = "X-Azukari-Receipt-Signature";

    private final Receipts receipts;

    ReleaseResponseInterceptor(Receipts receipts) {
        this.receipts = receipts;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean send(RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse)
            throws IOException {
        ReceiptFacts facts = ReleaseEndpoint.facts(request);
        if (facts == null || response.getResponseResource() == null) {
            return true;
        }
        byte[] body = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false)
                .encodeResourceToString(response.getResponseResource()).getBytes(StandardCharsets.UTF_8);
        Receipts.Signed receipt;
        try {
            receipt = receipts.issue(facts, body);
        } catch (ReleaseRefusedException refused) {
            throw ReleaseEndpoint.hapi(refused);
        }
        servletResponse.setStatus(200);
        servletResponse.setContentType("application/fhir+json;charset=UTF-8");
        servletResponse.setHeader(RECEIPT_HEADER, receipt.header());
        servletResponse.setHeader(SIGNATURE_HEADER, receipt.signature());
        servletResponse.setHeader("Cache-Control", "no-store");
        servletResponse.setContentLength(body.length);
        servletResponse.getOutputStream().write(body);
        servletResponse.getOutputStream().flush();
        return false;
    }
}
