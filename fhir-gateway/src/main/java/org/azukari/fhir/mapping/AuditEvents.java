package org.azukari.fhir.mapping;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Access-log entries as FHIR R4 AuditEvent resources, after the IHE Basic Audit Log Patterns
 * where they fit: {@code type} rest (or DICOM 110114 user authentication for sign-ins),
 * {@code subtype} the interaction, {@code outcome} 0 for permit, 4 for a denial and 8 (serious
 * failure) for a permitted request that then failed ({@value #RELEASE_FAILED}), with the
 * reason in {@code outcomeDesc}, the purpose in {@code purposeOfEvent}, the actor and their
 * organisation as agents, the resident as the patient entity with the resource types, counts
 * and data categories as its details, and for auditors the request id as BALP's {@code XrequestId}
 * entity. Never record contents.
 */
public final class AuditEvents {

    /**
     * The reason code of the entry that follows a release's entry when the release then failed
     * (a key-vault fault, a receipt that could not be issued): nothing was sent.
     */
    public static final String RELEASE_FAILED = "release-failed";

    /** Whether the resident's internal id may be shown (auditors) or not (the resident's own view). */
    public enum Audience { AUDITOR, RESIDENT_SELF }

    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String AUDIT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    private static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    /** The identifier system of the request-id entity (auditors' audience only). */
    public static final String REQUEST_SYSTEM = "urn:azukari:request";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private AuditEvents() {
    }

    /** A {@code searchset} Bundle of the entries, as FHIR JSON. */
    public static String searchsetJson(List<LoggedEntry> entries, Audience audience) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(entries.size());
        for (LoggedEntry entry : entries) {
            AuditEvent event = toFhir(entry, audience);
            bundle.addEntry().setFullUrl("urn:uuid:" + entry.entryId()).setResource(event)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    public static AuditEvent toFhir(LoggedEntry logged, Audience audience) {
        AccessLogEntry entry = logged.entry();
        AuditEvent event = new AuditEvent();
        event.setId(logged.entryId().toString());
        event.setType(type(entry.action()));
        event.addSubtype(subtype(entry.action()));
        event.setAction(action(entry.action()));
        event.setRecorded(Date.from(logged.at()));
        event.setOutcome(RELEASE_FAILED.equals(entry.reason()) ? AuditEventOutcome._8
                : entry.decision() == AccessDecision.PERMIT ? AuditEventOutcome._0 : AuditEventOutcome._4);
        event.setOutcomeDesc(entry.reason());
        entry.purpose().ifPresent(purpose -> event.addPurposeOfEvent().addCoding(
                new Coding("urn:azukari:purpose", purpose.code(), null)));
        event.addAgent().setRequestor(true)
                .setWho(new Reference().setIdentifier(new Identifier()
                        .setSystem("urn:azukari:" + entry.actor().kind().toLowerCase().replace('_', '-'))
                        .setValue(entry.actor().id())));
        entry.actor().organisation().ifPresent(organisation -> event.addAgent().setRequestor(false)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:azukari:organisation")
                        .setValue(organisation))));
        event.getSource().setObserver(new Reference().setDisplay("Azukari information bank"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4",
                        "Application Server"));
        entry.resident().ifPresent(resident -> {
            AuditEvent.AuditEventEntityComponent patient = event.addEntity()
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
            patient.setWhat(audience == Audience.AUDITOR
                    ? new Reference().setIdentifier(new Identifier().setSystem("urn:azukari:resident")
                            .setValue(resident.toString()))
                    : new Reference().setDisplay("you"));
            for (Map.Entry<String, Integer> count : entry.resourceCounts().entrySet()) {
                patient.addDetail().setType(count.getKey()).setValue(new org.hl7.fhir.r4.model.StringType(
                        Integer.toString(count.getValue())));
            }
            for (DataCategory category : entry.categories()) {
                patient.addDetail().setType("category").setValue(new org.hl7.fhir.r4.model.StringType(
                        category.name().toLowerCase()));
            }
        });
        if (audience == Audience.AUDITOR) {
            // BALP's transaction entity: the request id the entry was written under, by which an
            // auditor finds a release's receipt and the entries of one request
            event.addEntity().setType(new Coding(BALP_ENTITY_TYPE, "XrequestId", "X-Request-Id"))
                    .setWhat(new Reference().setIdentifier(new Identifier().setSystem(REQUEST_SYSTEM)
                            .setValue(entry.requestId())));
        }
        for (String consent : entry.consents()) {
            event.addEntity().setWhat(new Reference("Consent/" + consent))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "13", "Security Resource"));
        }
        return event;
    }

    /** The event's {@code type}: DICOM 110114 for sign-ins, sign-outs and tokens, else audit-event-type rest. */
    public static Coding type(AccessAction action) {
        boolean authentication = switch (action) {
            case SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, TOKEN_ISSUED -> true;
            default -> false;
        };
        return authentication ? new Coding(DCM, "110114", "User Authentication")
                : new Coding(AUDIT_TYPE, "rest", "RESTful Operation");
    }

    /** The event's {@code subtype}: the interaction the action was. */
    public static Coding subtype(AccessAction action) {
        return switch (action) {
            case INGEST, ENROL, NOTICE -> new Coding(RESTFUL_INTERACTION, "create", "create");
            case READ, EMERGENCY_ACCESS -> new Coding(RESTFUL_INTERACTION, "read", "read");
            case SEARCH -> new Coding(RESTFUL_INTERACTION, "search-type", "search-type");
            case EXPORT -> new Coding(DCM, "110106", "Export");
            case CONSENT_CHANGE, CONSENT_REQUEST_ANSWER, ACCOUNT_CHANGE -> new Coding(RESTFUL_INTERACTION, "update", "update");
            case ERASE -> new Coding(RESTFUL_INTERACTION, "delete", "delete");
            case SIGN_IN, SIGN_IN_FAILED, TOKEN_ISSUED -> new Coding(DCM, "110122", "Login");
            case SIGN_OUT -> new Coding(DCM, "110123", "Logout");
            case REFUSAL -> new Coding(RESTFUL_INTERACTION, "operation", "operation");
        };
    }

    private static AuditEventAction action(AccessAction action) {
        return switch (action) {
            case INGEST, ENROL, NOTICE -> AuditEventAction.C;
            case READ, EMERGENCY_ACCESS, EXPORT -> AuditEventAction.R;
            case CONSENT_CHANGE, CONSENT_REQUEST_ANSWER, ACCOUNT_CHANGE -> AuditEventAction.U;
            case ERASE -> AuditEventAction.D;
            default -> AuditEventAction.E;
        };
    }
}
