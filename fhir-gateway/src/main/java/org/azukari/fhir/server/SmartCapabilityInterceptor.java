package org.azukari.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Says in the CapabilityStatement how to get a token: SMART on FHIR security service and the
 * {@code oauth-uris} extension naming the token endpoint (SMART App Launch, "Capability
 * Statement" discovery, besides {@code .well-known/smart-configuration}).
 */
@Interceptor
final class SmartCapabilityInterceptor {

    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final String tokenEndpoint;

    SmartCapabilityInterceptor(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    void addSmartSecurity(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        CapabilityStatement.CapabilityStatementRestSecurityComponent security =
                statement.getRestFirstRep().getSecurity();
        security.addService(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
        security.setDescription("SMART Backend Services: OAuth 2.0 client credentials with a private_key_jwt"
                + " assertion; see .well-known/smart-configuration");
        Extension oauth = security.addExtension().setUrl(OAUTH_URIS);
        oauth.addExtension("token", new UriType(tokenEndpoint));
    }
}
