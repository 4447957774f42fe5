package org.azukari.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;

class UnreadableRequestInterceptorTest {

    /** A transaction whose entry's id has no id part beside a urn fullUrl: HAPI's parser throws a NullPointerException. */
    private static final String UNREADABLE = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":"
            + "\"urn:uuid:11111111-1111-4111-8111-111111111111\",\"resource\":{\"resourceType\":\"Patient\","
            + "\"id\":\"p//example.org/secret-marker\"}}]}";
    private static final String READABLE = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[]}";

    /** A provider with a bug of its own: that stays a 500. */
    public static final class FailingProvider {
        @Transaction
        public Bundle transaction(@TransactionParam Bundle input) {
            throw new IllegalStateException("a bug in the provider");
        }
    }

    private static MockHttpServletResponse post(String body) throws Exception {
        AzukariFhirServer server = new AzukariFhirServer("http://localhost/oauth/token", List.of(new FailingProvider()),
                List.of(new UnreadableRequestInterceptor()));
        server.init(new MockServletConfig("fhir"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir");
        request.setServletPath("/fhir");
        request.setContentType("application/fhir+json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        server.service(request, response);
        return response;
    }

    @Test
    void post_whenHapiFailsReadingTheBody_is400FG0215_quotingNothing() throws Exception {
        MockHttpServletResponse response = post(UNREADABLE);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains(UnreadableRequestInterceptor.CODE).doesNotContain("secret-marker");
    }

    @Test
    void post_whenTheProviderItselfFails_staysA500() throws Exception {
        assertThat(post(READABLE).getStatus()).isEqualTo(500);
    }
}
