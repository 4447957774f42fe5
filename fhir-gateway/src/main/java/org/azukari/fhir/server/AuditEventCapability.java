package org.azukari.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * Lists the AuditEvent search's parameters in the CapabilityStatement: {@link AuditEventProvider}
 * takes them unbound, so HAPI cannot see them. The names, types and wording follow
 * {@link org.azukari.fhir.audit.AuditEventCriteria}.
 */
@Interceptor
final class AuditEventCapability {

    private static final String BASE = "http://hl7.org/fhir/SearchParameter/";

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    void addSearchParameters(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        for (CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep().getResource()) {
            if (!"AuditEvent".equals(resource.getType())) {
                continue;
            }
            resource.setDocumentation("The bank's access log, for auditors' systems (AUDIT_SYSTEM clients with"
                    + " system/AuditEvent.rs), newest first; next links page with _before");
            resource.getSearchParam().clear();
            add(resource, "patient", "AuditEvent-patient", SearchParamType.REFERENCE,
                    "Patient/<resident id>: entries about that resident");
            add(resource, "date", "AuditEvent-date", SearchParamType.DATE,
                    "when recorded; eq ge gt le lt; a date without a time is a day in Japan");
            add(resource, "agent", "AuditEvent-agent", SearchParamType.REFERENCE,
                    "Organization/<id>, Device/<client id>, or the acting account or client id");
            add(resource, "entity", "AuditEvent-entity", SearchParamType.REFERENCE,
                    "Patient/<resident id>; with :identifier urn:azukari:request|<request id>"
                            + " or urn:azukari:resident|<resident id>");
            add(resource, "type", "AuditEvent-type", SearchParamType.TOKEN,
                    "audit-event-type rest, or DICOM 110114 for sign-ins and tokens");
            add(resource, "subtype", "AuditEvent-subtype", SearchParamType.TOKEN,
                    "restful-interaction create read search-type update delete operation; DICOM 110106 110122 110123");
            add(resource, "outcome", "AuditEvent-outcome", SearchParamType.TOKEN,
                    "0 permitted, 4 denied, 8 permitted and then failed (nothing sent)");
            add(resource, "_count", null, SearchParamType.NUMBER, "1 to 100 entries a page, default 50");
        }
    }

    private static void add(CapabilityStatementRestResourceComponent resource, String name, String definition,
                            SearchParamType type, String documentation) {
        CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent parameter = resource.addSearchParam()
                .setName(name).setType(type).setDocumentation(documentation);
        if (definition != null) {
            parameter.setDefinition(BASE + definition);
        }
    }
}
