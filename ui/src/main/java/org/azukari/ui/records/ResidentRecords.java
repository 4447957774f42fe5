package org.azukari.ui.records;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.trustbank.api.DecryptedRecord;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.ui.web.OrganisationNames;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A resident's own records, read from the trust bank and put into plain words. Only ever for the
 * signed-in resident (the caller passes {@code SignedIn.resident()}); nothing is kept after the
 * request: no cache of decrypted records anywhere.
 */
@Component
public class ResidentRecords {

    /** A stored record whose content cannot be parsed (application log; the resident sees a count). */
    public static final String UNREADABLE = "UI-0420";

    private static final Logger log = LoggerFactory.getLogger(ResidentRecords.class);

    private final TrustBank bank;
    private final OrganisationRegistry organisations;
    private final FhirContext fhir = FhirContext.forR4Cached();

    public ResidentRecords(TrustBank bank, OrganisationRegistry organisations) {
        this.bank = bank;
        this.organisations = organisations;
    }

    /** Every current record that can be shown, newest clinical time first, and the ids of those that cannot. */
    public Readable<ResidentRecord> all(ResidentId resident) {
        List<DecryptedRecord> decrypted = bank.readAll(resident);
        Map<String, String> names = sourceNames();
        IParser parser = fhir.newJsonParser();
        List<ResidentRecord> records = new ArrayList<>(decrypted.size());
        List<String> unreadable = new ArrayList<>();
        for (DecryptedRecord record : decrypted) {
            parse(record, parser).ifPresentOrElse(resource -> records.add(describe(record, resource, names)),
                    () -> unreadable.add(record.metadata().id().value()));
        }
        records.sort((a, b) -> b.time().compareTo(a.time()));
        return new Readable<>(records, unreadable);
    }

    /** One record, shown or not showable, or empty when the resident has no record with that id. */
    public Optional<OneRecord> one(ResidentId resident, String id) {
        RecordId recordId;
        try {
            recordId = new RecordId(id);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        DecryptedRecord record;
        try {
            record = bank.read(resident, recordId);
        } catch (RecordNotFoundException notTheirs) {
            return Optional.empty();
        }
        Optional<Resource> resource = parse(record, fhir.newJsonParser());
        return Optional.of(resource.<OneRecord>map(r -> new OneRecord.Shown(describe(record, r, sourceNames())))
                .orElseGet(() -> new OneRecord.NotShown(record.metadata().id().value())));
    }

    /**
     * The FHIR resource of every current record that can be parsed, for the resident's own
     * download, and the ids of those that cannot.
     */
    public Readable<Resource> resources(ResidentId resident) {
        IParser parser = fhir.newJsonParser();
        List<Resource> resources = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (DecryptedRecord record : bank.readAll(resident)) {
            parse(record, parser).ifPresentOrElse(resources::add,
                    () -> unreadable.add(record.metadata().id().value()));
        }
        return new Readable<>(resources, unreadable);
    }

    /**
     * Parse or report, the one place the portal parses a stored record: its resource, or empty when
     * HAPI (or the JSON limits under it) refuses the content. The operator is told the record's bank
     * id and {@link #UNREADABLE}; never the content, nor the parser's message, which may quote it.
     */
    private static Optional<Resource> parse(DecryptedRecord record, IParser parser) {
        try {
            return Optional.of((Resource) parser.parseResource(record.content().plaintextUtf8()));
        } catch (RuntimeException refused) {
            log.warn("{} stored record {} could not be parsed ({}); not shown", UNREADABLE,
                    record.metadata().id().value(), refused.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private ResidentRecord describe(DecryptedRecord record, Resource resource, Map<String, String> names) {
        RecordView view = PlainWords.describe(resource);
        Optional<Measurement> measurement = resource instanceof Observation o ? measurement(o, view) : Optional.empty();
        return new ResidentRecord(record.metadata().id().value(), record.metadata().category(),
                record.metadata().storedAt(), view, view.source().map(s -> names.getOrDefault(s, s)), measurement);
    }

    private Map<String, String> sourceNames() {
        return OrganisationNames.of(organisations);
    }

    /** A numeric Observation with a time: one value, or its numeric components (blood pressure). */
    static Optional<Measurement> measurement(Observation o, RecordView view) {
        if (view.when().isEmpty()) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        String unit = "";
        Optional<Double> low = Optional.empty();
        Optional<Double> high = Optional.empty();
        if (o.getValue() instanceof Quantity q && q.hasValue()) {
            values.add(q.getValue().doubleValue());
            unit = ValueWords.unit(q);
            var range = o.getReferenceRange().stream().findFirst();
            low = range.filter(r -> r.hasLow() && r.getLow().hasValue()).map(r -> r.getLow().getValue().doubleValue());
            high = range.filter(r -> r.hasHigh() && r.getHigh().hasValue())
                    .map(r -> r.getHigh().getValue().doubleValue());
        } else if (!o.hasValue()) {
            for (Observation.ObservationComponentComponent component : o.getComponent()) {
                if (component.getValue() instanceof Quantity q && q.hasValue()) {
                    values.add(q.getValue().doubleValue());
                    parts.add(ValueWords.words(component.getCode()));
                    unit = unit.isEmpty() ? ValueWords.unit(q) : unit;
                }
            }
        }
        if (values.isEmpty() || view.title().isEmpty()) {
            return Optional.empty();
        }
        String series = o.getCode().getCoding().stream().filter(Coding::hasCode).findFirst()
                .map(c -> c.getSystem() + "|" + c.getCode()).orElse(view.title());
        return Optional.of(new Measurement(series, view.title(), view.when().get(), List.copyOf(values),
                List.copyOf(parts), unit, low, high));
    }
}
