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
import org.springframework.stereotype.Component;

/**
 * A resident's own records, read from the trust bank and put into plain words. Only ever for the
 * signed-in resident (the caller passes {@code SignedIn.resident()}); nothing is kept after the
 * request: no cache of decrypted records anywhere.
 */
@Component
public class ResidentRecords {

    private final TrustBank bank;
    private final OrganisationRegistry organisations;
    private final FhirContext fhir = FhirContext.forR4Cached();

    public ResidentRecords(TrustBank bank, OrganisationRegistry organisations) {
        this.bank = bank;
        this.organisations = organisations;
    }

    /** Every current record, newest clinical time first. */
    public List<ResidentRecord> all(ResidentId resident) {
        List<DecryptedRecord> decrypted = bank.readAll(resident);
        Map<String, String> names = sourceNames();
        IParser parser = fhir.newJsonParser();
        List<ResidentRecord> records = new ArrayList<>(decrypted.size());
        for (DecryptedRecord record : decrypted) {
            records.add(describe(record, parser, names));
        }
        records.sort((a, b) -> b.time().compareTo(a.time()));
        return records;
    }

    /** One record, or empty when the resident has no record with that id. */
    public Optional<ResidentRecord> one(ResidentId resident, String id) {
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
        return Optional.of(describe(record, fhir.newJsonParser(), sourceNames()));
    }

    /** The FHIR JSON of every current record, for the resident's own download. */
    public List<Resource> resources(ResidentId resident) {
        IParser parser = fhir.newJsonParser();
        return bank.readAll(resident).stream()
                .map(r -> (Resource) parser.parseResource(r.content().plaintextUtf8())).toList();
    }

    private ResidentRecord describe(DecryptedRecord record, IParser parser, Map<String, String> names) {
        Resource resource = (Resource) parser.parseResource(record.content().plaintextUtf8());
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
            unit = PlainWords.unit(q);
            var range = o.getReferenceRange().stream().findFirst();
            low = range.filter(r -> r.hasLow() && r.getLow().hasValue()).map(r -> r.getLow().getValue().doubleValue());
            high = range.filter(r -> r.hasHigh() && r.getHigh().hasValue())
                    .map(r -> r.getHigh().getValue().doubleValue());
        } else if (!o.hasValue()) {
            for (Observation.ObservationComponentComponent component : o.getComponent()) {
                if (component.getValue() instanceof Quantity q && q.hasValue()) {
                    values.add(q.getValue().doubleValue());
                    parts.add(PlainWords.words(component.getCode()));
                    unit = unit.isEmpty() ? PlainWords.unit(q) : unit;
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
