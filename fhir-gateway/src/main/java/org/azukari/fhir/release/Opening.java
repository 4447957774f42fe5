package org.azukari.fhir.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.trustbank.api.DecryptedRecord;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Opens one resident's records for one request, in the order the architecture fixes: list the
 * metadata (nothing decrypted) → one consent decision → one access-log entry, permit or deny,
 * naming what is about to be decrypted → only then decrypt what the decision may release → drop
 * every record whose classification it does not release. The request's answer is built inside
 * {@link #open}, so that any failure after the entry — a vault fault, a receipt, a bug — is
 * recorded as such ({@link ReleaseLog#failed}) before it reaches the caller.
 */
final class Opening {

    private static final String CATEGORY = "azukari.release.category";
    private static final String STORED_AT = "azukari.release.storedAt";

    private final TrustBank bank;
    private final ConsentDecisionPoint decisions;
    private final ReleaseLog log;
    private final DataClassifier classifier;
    private final DecisionFilter filter;
    private final Clock clock;

    Opening(TrustBank bank, ConsentDecisionPoint decisions, ReleaseLog log, DataClassifier classifier, Clock clock) {
        this.bank = bank;
        this.decisions = decisions;
        this.log = log;
        this.classifier = classifier;
        this.filter = new DecisionFilter(classifier);
        this.clock = clock;
    }

    /**
     * What one request opens: the resident's records {@code wanted}, and with {@code withPatient}
     * their demographics (released whenever anything at all is).
     */
    record Request(ReleaseCaller caller, ResidentId resident, RecipientPseudonym pseudonym,
                   Predicate<StoredRecord> wanted, AccessAction action, boolean withPatient) {
    }

    /**
     * What the decision released: the records, newest first (by the bank's storage time, then
     * id), each carrying its category and storage time until {@link #forget} strips them; the
     * Patient under the pseudonym when asked for; and the bank ids of the records the decision
     * opened whose content could not be parsed ({@link StoredContent}), left out — for a warning
     * that names none of them, never sent.
     */
    record Opened(Request request, Decision decision, List<Resource> records, Optional<Patient> patient,
                  List<RecordId> unreadable) {

        boolean leftOutUnreadable() {
            return !unreadable.isEmpty();
        }
    }

    /** Decides, logs and decrypts, then answers with {@code answer}; a denial is 404 (after its entry). */
    <T> T open(Request request, Function<Opened, T> answer) {
        List<StoredRecord> all = bank.list(request.resident());
        // Asked about every kind of record the resident has, not only what this request wants: a
        // permit or deny that depended on the request would tell whether hidden records exist.
        Decision decision = decide(request, asked(all));
        List<StoredRecord> openable = decision.permit()
                ? all.stream().filter(request.wanted()).filter(r -> filter.openable(decision, r)).toList() : List.of();
        // the Patient goes out whenever anything at all is released to this recipient
        boolean withPatient = request.withPatient() && decision.permit() && !decision.permitted().isEmpty();
        List<StoredRecord> patients = withPatient
                ? all.stream().filter(r -> r.type().value().equals("Patient"))
                        .sorted(Comparator.comparing(StoredRecord::storedAt).reversed()).limit(1).toList()
                : List.of();
        List<StoredRecord> logged = new ArrayList<>(openable);
        logged.addAll(patients);
        log.beforeDecrypting(request.caller(), request.resident(), request.action(), decision, logged);
        if (!decision.permit()) {
            throw ReleaseRefusedException.notFound();
        }
        try {
            List<RecordId> unreadable = new ArrayList<>();
            Optional<Patient> patient = withPatient ? Optional.of(patient(request, patients, unreadable))
                    : Optional.empty();
            List<Resource> released = released(request.resident(), decision, openable, unreadable);
            return answer.apply(new Opened(request, decision, released, patient, List.copyOf(unreadable)));
        } catch (ReleaseRefusedException refused) {
            if (refused.status() >= 500) {
                log.failed(request.caller(), request.resident(), request.action(), decision.reliedOn());
            }
            throw refused;
        } catch (RuntimeException failed) {
            log.failed(request.caller(), request.resident(), request.action(), decision.reliedOn());
            throw failed;
        }
    }

    private List<Resource> released(ResidentId resident, Decision decision, List<StoredRecord> openable,
                                    List<RecordId> unreadable) {
        List<Resource> released = new ArrayList<>();
        for (StoredRecord record : openable) {
            Optional<Resource> resource = decrypt(resident, record, unreadable);
            if (resource.isEmpty()) {
                continue;
            }
            Optional<ConsentCategory> category = filter.released(decision, record, resource.get());
            if (category.isPresent()) {
                // The bank's record id names the record, whatever id (or none) its content carries.
                resource.get().setIdElement(new IdType(record.type().value(), record.id().value()));
                resource.get().setUserData(CATEGORY, category.get().toString());
                resource.get().setUserData(STORED_AT, record.storedAt());
                resource.get().getMeta().setVersionId(String.valueOf(record.version().value()))
                        .setLastUpdated(Date.from(record.storedAt()));
                released.add(resource.get());
            }
        }
        released.sort(Comparator.comparing(Opening::storedAt).reversed().thenComparing(Resource::getIdPart));
        return released;
    }

    /** Name, gender and birth date of the newest Patient record, under the pseudonym; nothing else. */
    private Patient patient(Request request, List<StoredRecord> patients, List<RecordId> unreadable) {
        Patient released = new Patient();
        released.setId("Patient/" + request.pseudonym().value());
        for (StoredRecord record : patients) {
            Optional<Resource> resource = decrypt(request.resident(), record, unreadable);
            if (resource.isPresent() && resource.get() instanceof Patient source) {
                released.setName(source.getName()).setGender(source.getGender()).setBirthDate(source.getBirthDate());
                released.getMeta().setLastUpdated(Date.from(record.storedAt()));
            }
        }
        return released;
    }

    /** The consent category a released record was released under ({@code MEDICAL/laboratory}). */
    static String categoryOf(Resource resource) {
        Object category = resource.getUserData(CATEGORY);
        return category == null ? "" : category.toString();
    }

    /** When the bank stored a released record. */
    static Instant storedAt(Resource resource) {
        return (Instant) resource.getUserData(STORED_AT);
    }

    /** Strips what {@link #open} attached to a record, before it is sent. */
    static void forget(Resource resource) {
        resource.setUserData(CATEGORY, null);
        resource.setUserData(STORED_AT, null);
    }

    private Set<ConsentCategory> asked(List<StoredRecord> all) {
        Set<ConsentCategory> asked = new LinkedHashSet<>();
        for (StoredRecord record : all) {
            Set<String> subcategories = classifier.subcategories(record.type().value(), record.category());
            if (subcategories.isEmpty()) {
                asked.add(ConsentCategory.all(record.category()));
            }
            subcategories.forEach(sub -> asked.add(ConsentCategory.of(record.category(), sub)));
        }
        if (asked.isEmpty()) {
            asked.add(ConsentCategory.all(DataCategory.MEDICAL));
        }
        return asked;
    }

    private Decision decide(Request request, Set<ConsentCategory> asked) {
        try {
            return decisions.decide(new ConsentDecisionPoint.Question(request.caller().recipient(),
                    request.caller().purpose(), request.resident(), asked, clock.instant()));
        } catch (ConsentUnavailableException e) {
            throw new ReleaseRefusedException(503, FhirGatewayError.FG_0703, "consent decisions are unavailable; nothing was released");
        }
    }

    /** The record's resource; empty when it is gone, or (noted in {@code unreadable}) when its content cannot be parsed. */
    private Optional<Resource> decrypt(ResidentId resident, StoredRecord record, List<RecordId> unreadable) {
        DecryptedRecord decrypted;
        try {
            decrypted = bank.read(resident, record.id());
        } catch (RecordNotFoundException gone) {
            return Optional.empty();
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            throw ReleaseRefusedException.keyVaultUnavailable();
        }
        Optional<Resource> resource = StoredContent.parse(decrypted);
        if (resource.isEmpty()) {
            unreadable.add(record.id());
        }
        return resource;
    }
}
