package org.azukari.fhir.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The bank's consents as FHIR R4 Consent resources, and back: scope {@code patient-privacy},
 * category LOINC 59284-0, policy rule {@code OPTIN}, one {@code permit} provision with the
 * recipient as actor (role {@code IRCP}, by organisation identifier), the purpose, the data
 * categories as {@code provision.class} and the period. The text the resident was shown is the
 * {@code sourceAttachment} (language, version as title, SHA-1 in {@code hash} as FHIR requires,
 * SHA-256 in an extension). The patient is never the resident's internal id: callers set it.
 */
public final class ConsentResources {

    public static final String RECIPIENT_SYSTEM = "urn:azukari:organisation";
    public static final String SERVICE_SYSTEM = "urn:azukari:service";
    public static final String PURPOSE_SYSTEM = "urn:azukari:purpose";
    public static final String CATEGORY_SYSTEM = "urn:azukari:data-category";
    public static final String TEXT_SHA256 = "urn:azukari:fhir:extension:consent-text-sha256";
    public static final String CHANNEL = "urn:azukari:fhir:extension:consent-channel";

    private ConsentResources() {
    }

    public static org.hl7.fhir.r4.model.Consent toFhir(Consent consent, Instant now) {
        org.hl7.fhir.r4.model.Consent fhir = new org.hl7.fhir.r4.model.Consent();
        fhir.setId(consent.id().value());
        fhir.getMeta().setVersionId(Integer.toString(consent.version())).setLastUpdated(Date.from(consent.recorded()));
        fhir.setStatus(state(consent.statusAt(now)));
        fhir.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy", "Privacy Consent")));
        fhir.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        fhir.setDateTime(Date.from(consent.recorded()));
        fhir.addPolicy().setUri("urn:azukari:policy:opt-in");
        fhir.setPolicyRule(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN",
                "opt-in")));
        ConsentTerms terms = consent.terms();
        ProvisionComponent provision = fhir.getProvision().setType(ConsentProvisionType.PERMIT);
        provision.setPeriod(new Period().setStart(Date.from(terms.period().start()))
                .setEnd(terms.period().end().map(Date::from).orElse(null)));
        provisionActorComponent actor = provision.addActor().setRole(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")));
        Reference recipient = new Reference().setIdentifier(new Identifier().setSystem(RECIPIENT_SYSTEM)
                .setValue(terms.recipient().organisation())).setType("Organization");
        actor.setReference(recipient);
        terms.recipient().service().ifPresent(service -> provision.addActor().setRole(actor.getRole())
                .setReference(new Reference().setType("HealthcareService").setIdentifier(
                        new Identifier().setSystem(SERVICE_SYSTEM).setValue(service))));
        provision.addPurpose(new Coding(PURPOSE_SYSTEM, terms.purpose().code(), null));
        for (ConsentCategory category : terms.categories()) {
            provision.addClass_(new Coding(CATEGORY_SYSTEM, category.toString(), null));
        }
        consent.evidence().ifPresent(evidence -> fhir.setSource(attachment(evidence)));
        return fhir;
    }

    private static ConsentState state(ConsentStatus status) {
        return switch (status) {
            case PROPOSED -> ConsentState.PROPOSED;
            case ACTIVE -> ConsentState.ACTIVE;
            case REJECTED -> ConsentState.REJECTED;
            case WITHDRAWN, EXPIRED -> ConsentState.INACTIVE;
        };
    }

    private static Attachment attachment(ConsentEvidence evidence) {
        Attachment attachment = new Attachment().setContentType("text/plain; charset=utf-8")
                .setLanguage(evidence.language()).setTitle(evidence.textVersion())
                .setData(evidence.text().getBytes(StandardCharsets.UTF_8))
                .setHash(sha1(evidence.text())).setCreation(Date.from(evidence.at()));
        attachment.addExtension(TEXT_SHA256, new StringType(evidence.textSha256()));
        attachment.addExtension(CHANNEL, new StringType(evidence.channel()));
        return attachment;
    }

    /** The terms a FHIR Consent states (recipient, purpose, categories, period), or why it states none. */
    public static ConsentTerms termsOf(org.hl7.fhir.r4.model.Consent fhir) {
        ProvisionComponent provision = fhir.getProvision();
        if (provision.getType() != ConsentProvisionType.PERMIT) {
            throw new BadInputException(FhirGatewayError.FG_0801, "the provision must be of type permit");
        }
        String organisation = null;
        Optional<String> service = Optional.empty();
        for (provisionActorComponent actor : provision.getActor()) {
            Identifier identifier = actor.getReference().getIdentifier();
            if (RECIPIENT_SYSTEM.equals(identifier.getSystem())) {
                organisation = identifier.getValue();
            } else if (SERVICE_SYSTEM.equals(identifier.getSystem())) {
                service = Optional.ofNullable(identifier.getValue());
            }
        }
        if (organisation == null) {
            throw new BadInputException(FhirGatewayError.FG_0802, "provision.actor must name the recipient by an identifier in "
                    + RECIPIENT_SYSTEM);
        }
        Purpose purpose = provision.getPurpose().stream().filter(c -> PURPOSE_SYSTEM.equals(c.getSystem()))
                .map(c -> new Purpose(c.getCode())).findFirst()
                .orElseThrow(() -> new BadInputException(FhirGatewayError.FG_0803, "provision.purpose must name a purpose in "
                        + PURPOSE_SYSTEM));
        Set<ConsentCategory> categories = new LinkedHashSet<>();
        for (Coding coding : provision.getClass_()) {
            if (CATEGORY_SYSTEM.equals(coding.getSystem())) {
                categories.add(ConsentCategory.parse(coding.getCode()));
            }
        }
        Period period = provision.getPeriod();
        Instant start = period.hasStart() ? period.getStart().toInstant() : Instant.now();
        ConsentPeriod consentPeriod = period.hasEnd() ? ConsentPeriod.between(start, period.getEnd().toInstant())
                : ConsentPeriod.from(start);
        return new ConsentTerms(new Recipient(organisation, service), purpose, categories, consentPeriod);
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
