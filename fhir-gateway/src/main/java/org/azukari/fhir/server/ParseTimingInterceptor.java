package org.azukari.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Marks when HAPI has chosen the method for a request; the body is parsed between that moment
 * and the provider's first line, which is how the ingest timings learn the parsing share.
 */
@Interceptor
final class ParseTimingInterceptor {

    static final String HANDLER_SELECTED_AT = ParseTimingInterceptor.class.getName() + ".selectedAt";

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    void markHandlerSelected(RequestDetails request) {
        request.getUserData().put(HANDLER_SELECTED_AT, System.nanoTime());
    }
}
