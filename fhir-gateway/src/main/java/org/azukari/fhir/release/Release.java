package org.azukari.fhir.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.DataClassifier;
import org.azukari.trustbank.api.DecryptedRecord;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Releases one resident's records to a clinic, in the order the architecture fixes: resolve
 * the clinic's pseudonym → list metadata (nothing decrypted) → ask the consent decision point
 * for the categories those records may have → write the access-log entry, permit or deny →
 * only then decrypt what the decision may release → drop every record whose classification the
 * decision does not release → narrow by the search → redact and rewrite patient references →
 * a Bundle whose total counts only what is released. Every deny, unknown pseudonym or foreign
 * record is the same 404.
 */
public final class Release {

    private final TrustBank bank;
    private final AccessLog accessLog;
    private final ConsentDecisionPoint decisions;
    private final PseudonymDirectory directory;
    private final DataClassifier classifier;
    private final Clock clock;
    private final Pseudonyms pseudonyms;
    private final SearchMatcher matcher = new SearchMatcher();
    private final Redaction redaction = new Redaction();
    private final ReferencePaths references = new ReferencePaths();
    private final CitedDirectory cited;
    private final DecisionFilter filter;

    public Release(TrustBank bank, AccessLog accessLog, ConsentDecisionPoint decisions, Introductions introductions,
                   DataClassifier classifier, Clock clock) {
        this.bank = bank;
        this.accessLog = accessLog;
        this.decisions = decisions;
        this.directory = introductions.directory();
        this.pseudonyms = introductions.pseudonyms();
        this.classifier = classifier;
        this.clock = clock;
        this.cited = new CitedDirectory(bank);
        this.filter = new DecisionFilter(classifier);
    }

    /** The pseudonyms and whom they name, as one dependency. */
    public record Introductions(Pseudonyms pseudonyms, PseudonymDirectory directory) {
    }

    /** What the decision released of one resident, before paging. */
    private record Opened(RecipientPseudonym pseudonym, Decision decision, List<Resource> records) {
    }

    private record PatientRelease(Patient patient, Decision decision) {
    }

    /** {@code GET Patient/{pseudonym}}: the resident's demographics, if anything at all is released to this clinic. */
    public Released readPatient(ReleaseCaller caller, RecipientPseudonym pseudonym) {
        ResidentId resident = resolve(caller, pseudonym);
        PatientRelease patient = patient(caller, resident, pseudonym, AccessAction.READ);
        return new Released(patient.patient(), facts(resident, caller, patient.decision(), new TreeSet<>(), 1));
    }

    /** {@code GET {type}?patient=...}: one page of the matches, {@code nextPage} builds the link for an offset. */
    public Released search(ReleaseCaller caller, ReleaseQuery query, int offset, IntFunction<String> nextPage,
                           String base) {
        ResidentId resident = resolve(caller, query.patient());
        Set<String> related = query.relatedTypes(classifier.categorisedTypes());
        Opened opened = open(caller, resident, query.patient(), r -> related.contains(r.type().value())
                || (r.type().value().equals(query.type()) && lastUpdatedMatches(r.storedAt(), query)), AccessAction.SEARCH);
        List<Resource> released = opened.records();
        List<Resource> matches = released.stream().filter(r -> r.fhirType().equals(query.type())
                && lastUpdatedMatches(storedAt(r), query) && matcher.matches(r, query) && has(r, query, released)).toList();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(matches.size());
        bundle.setId(java.util.UUID.randomUUID().toString());
        if (query.summaryCount()) {
            return new Released(bundle, facts(resident, caller, opened.decision(), new TreeSet<>(), 0));
        }
        List<Resource> page = matches.subList(Math.min(offset, matches.size()),
                Math.min(offset + query.count(), matches.size()));
        if (offset + query.count() < matches.size()) {
            bundle.addLink().setRelation("next").setUrl(nextPage.apply(offset + query.count()));
        }
        List<Resource> included = included(page, query, released);
        TreeSet<String> categories = new TreeSet<>();
        page.forEach(r -> categories.add(categoryOf(r)));
        included.forEach(r -> categories.add(categoryOf(r)));
        int count = addEntries(bundle, page, included, names(caller, query.patient()), base, query.elements());
        return new Released(bundle, facts(resident, caller, opened.decision(), categories, count));
    }

    /** {@code GET Patient/{pseudonym}/$everything}: the Patient (on the first page) and one page of every released record. */
    public Released everything(ReleaseCaller caller, EverythingQuery query, int offset, IntFunction<String> nextPage,
                               String base) {
        RecipientPseudonym pseudonym = query.patient();
        ResidentId resident = resolve(caller, pseudonym);
        Set<String> types = classifier.categorisedTypes();
        Opened opened = open(caller, resident, pseudonym, r -> types.contains(r.type().value())
                && query.wants(r.type().value()) && query.since().map(s -> !r.storedAt().isBefore(s)).orElse(true),
                AccessAction.READ);
        Patient patient = patient(caller, resident, pseudonym, AccessAction.READ).patient();
        List<Resource> records = opened.records();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(records.size() + 1);
        bundle.setId(java.util.UUID.randomUUID().toString());
        if (offset == 0) {
            bundle.addEntry().setFullUrl(base + "/Patient/" + pseudonym.value()).setResource(patient)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        List<Resource> page = records.subList(Math.min(offset, records.size()),
                Math.min(offset + query.count(), records.size()));
        if (offset + query.count() < records.size()) {
            bundle.addLink().setRelation("next").setUrl(nextPage.apply(offset + query.count()));
        }
        TreeSet<String> categories = new TreeSet<>();
        page.forEach(r -> categories.add(categoryOf(r)));
        int count = (offset == 0 ? 1 : 0) + addEntries(bundle, page, List.of(), names(caller, pseudonym), base, List.of());
        return new Released(bundle, facts(resident, caller, opened.decision(), categories, count));
    }

    /**
     * {@code GET {type}/{id}}: one record of a resident introduced to this clinic, by the id this
     * clinic received ({@link Pseudonyms#recordId}); the bank's own id is not an answer.
     */
    public Released read(ReleaseCaller caller, String type, String id) {
        for (ResidentId resident : directory.residentsOf(caller.organisation())) {
            Optional<StoredRecord> record = bank.isEnrolled(resident) ? bank.list(resident).stream()
                    .filter(r -> r.type().value().equals(type)
                            && pseudonyms.recordId(caller.organisation(), type, r.id().value()).equals(id))
                    .findFirst() : Optional.empty();
            if (record.isPresent()) {
                RecipientPseudonym pseudonym = pseudonyms.of(caller.organisation(), resident);
                String bankId = record.get().id().value();
                Opened opened = open(caller, resident, pseudonym, r -> r.id().value().equals(bankId), AccessAction.READ);
                if (opened.records().isEmpty()) {
                    throw ReleaseRefusedException.notFound();
                }
                Resource resource = opened.records().get(0);
                TreeSet<String> categories = new TreeSet<>(Set.of(categoryOf(resource)));
                redacted(resource, names(caller, pseudonym));
                return new Released(resource, facts(resident, caller, opened.decision(), categories, 1));
            }
        }
        throw ReleaseRefusedException.notFound();
    }

    private RecipientNames names(ReleaseCaller caller, RecipientPseudonym pseudonym) {
        return new RecipientNames(caller.organisation(), pseudonym, pseudonyms);
    }

    /** Every {@code _has} of the query: some released record of its type, meeting its criteria, cites {@code match}. */
    private boolean has(Resource match, ReleaseQuery query, List<Resource> released) {
        String literal = match.fhirType() + "/" + match.getIdElement().getIdPart();
        for (ReleaseQuery.Has has : query.has()) {
            ReleaseQuery criteria = query.criteriaOf(has);
            boolean cited = released.stream().anyMatch(r -> r.fhirType().equals(has.by().type())
                    && matcher.matches(r, criteria) && references.references(r, has.by()).contains(literal));
            if (!cited) {
                return false;
            }
        }
        return true;
    }

    /** The released records {@code _include} and {@code _revinclude} add to a page (never a match of the page itself). */
    private List<Resource> included(List<Resource> page, ReleaseQuery query, List<Resource> released) {
        if (query.include().isEmpty() && query.revinclude().isEmpty()) {
            return List.of();
        }
        Set<String> onPage = new java.util.HashSet<>();
        page.forEach(r -> onPage.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        Set<String> wanted = new java.util.HashSet<>();
        for (ReleaseQuery.ReferenceParam include : query.include()) {
            page.forEach(r -> wanted.addAll(references.references(r, include)));
        }
        List<Resource> out = new ArrayList<>();
        for (Resource candidate : released) {
            String literal = candidate.fhirType() + "/" + candidate.getIdElement().getIdPart();
            if (onPage.contains(literal)) {
                continue;
            }
            boolean revincluded = query.revinclude().stream().anyMatch(rev -> references.references(candidate, rev)
                    .stream().anyMatch(onPage::contains));
            if (wanted.contains(literal) || revincluded) {
                out.add(candidate);
            }
        }
        return out;
    }

    private static final String CATEGORY = "azukari.release.category";

    private ResidentId resolve(ReleaseCaller caller, RecipientPseudonym pseudonym) {
        ResidentId resident = directory.resolve(caller.organisation(), pseudonym)
                .orElseThrow(ReleaseRefusedException::notFound);
        if (!pseudonyms.of(caller.organisation(), resident).equals(pseudonym) || !bank.isEnrolled(resident)) {
            throw ReleaseRefusedException.notFound();
        }
        return resident;
    }

    private Opened open(ReleaseCaller caller, ResidentId resident, RecipientPseudonym pseudonym,
                        Predicate<StoredRecord> wanted, AccessAction action) {
        List<StoredRecord> all = bank.list(resident);
        List<StoredRecord> candidates = all.stream().filter(wanted).toList();
        // Asked about every kind of record the resident has, not only what this search matches: a
        // permit or deny that depended on the search would tell whether hidden records exist.
        Decision decision = decide(caller, resident, asked(all, all));
        List<StoredRecord> openable = decision.permit()
                ? candidates.stream().filter(r -> filter.openable(decision, r)).toList() : List.of();
        log(caller, resident, action, decision, openable);
        if (!decision.permit()) {
            throw ReleaseRefusedException.notFound();
        }
        List<Resource> released = new ArrayList<>();
        for (StoredRecord record : openable) {
            Optional<Resource> resource = decrypt(resident, record);
            if (resource.isEmpty()) {
                continue;
            }
            Optional<ConsentCategory> category = filter.released(decision, record, resource.get());
            if (category.isPresent()) {
                resource.get().setUserData(CATEGORY, category.get().toString());
                resource.get().setUserData(STORED_AT, record.storedAt());
                resource.get().getMeta().setVersionId(String.valueOf(record.version().value()))
                        .setLastUpdated(java.util.Date.from(record.storedAt()));
                released.add(resource.get());
            }
        }
        released.sort(Comparator.comparing((Resource r) -> (java.time.Instant) r.getUserData(STORED_AT)).reversed()
                .thenComparing(Resource::getIdPart));
        return new Opened(pseudonym, decision, released);
    }

    private static final String STORED_AT = "azukari.release.storedAt";

    private PatientRelease patient(ReleaseCaller caller, ResidentId resident, RecipientPseudonym pseudonym, AccessAction action) {
        List<StoredRecord> all = bank.list(resident);
        List<StoredRecord> patients = all.stream().filter(r -> r.type().value().equals("Patient"))
                .sorted(Comparator.comparing(StoredRecord::storedAt).reversed()).limit(1).toList();
        Decision decision = decide(caller, resident, asked(all, all));
        boolean releasable = decision.permit() && !decision.permitted().isEmpty();
        log(caller, resident, action, decision, releasable ? patients : List.of());
        if (!releasable) {
            throw ReleaseRefusedException.notFound();
        }
        Patient released = new Patient();
        released.setId("Patient/" + pseudonym.value());
        for (StoredRecord record : patients) {
            Optional<Resource> resource = decrypt(resident, record);
            if (resource.isPresent() && resource.get() instanceof Patient source) {
                released.setName(source.getName()).setGender(source.getGender()).setBirthDate(source.getBirthDate());
                released.getMeta().setLastUpdated(java.util.Date.from(record.storedAt()));
            }
        }
        return new PatientRelease(released, decision);
    }

    /** Matches, then included released records, then the directory resources they cite; returns how many. */
    private int addEntries(Bundle bundle, List<Resource> page, List<Resource> included, RecipientNames names,
                           String base, List<String> elements) {
        List<Resource> directory = cited.of(union(page, included));
        for (Resource resource : page) {
            add(bundle, subset(redacted(resource, names), elements), base, Bundle.SearchEntryMode.MATCH);
        }
        for (Resource include : included) {
            add(bundle, redacted(include, names), base, Bundle.SearchEntryMode.INCLUDE);
        }
        for (Resource include : directory) {
            add(bundle, redacted(include, names), base, Bundle.SearchEntryMode.INCLUDE);
        }
        return page.size() + included.size() + directory.size();
    }

    private static List<Resource> union(List<Resource> a, List<Resource> b) {
        List<Resource> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Resource redacted(Resource resource, RecipientNames names) {
        resource.setUserData(CATEGORY, null);
        resource.setUserData(STORED_AT, null);
        redaction.redact(resource, names);
        return resource;
    }

    private static void add(Bundle bundle, Resource resource, String base, Bundle.SearchEntryMode mode) {
        bundle.addEntry().setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdPart())
                .setResource(resource).getSearch().setMode(mode);
    }

    /** {@code _elements}: only the elements asked for (and id and meta), marked SUBSETTED as FHIR requires. */
    private Resource subset(Resource resource, List<String> elements) {
        if (elements.isEmpty()) {
            return resource;
        }
        IParser subsetting = FhirContext.forR4Cached().newJsonParser();
        Set<String> kept = new java.util.HashSet<>();
        elements.forEach(e -> kept.add(resource.fhirType() + "." + e));
        subsetting.setEncodeElements(kept);
        Resource subset = (Resource) parser.parseResource(subsetting.encodeResourceToString(resource));
        if (subset.getMeta().getTag(SUBSETTED_SYSTEM, "SUBSETTED") == null) {
            subset.getMeta().addTag(SUBSETTED_SYSTEM, "SUBSETTED", "subsetted");
        }
        return subset;
    }

    private static final String SUBSETTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    private static String categoryOf(Resource resource) {
        Object category = resource.getUserData(CATEGORY);
        return category == null ? "" : category.toString();
    }

    private Set<ConsentCategory> asked(List<StoredRecord> candidates, List<StoredRecord> all) {
        Set<ConsentCategory> asked = new LinkedHashSet<>();
        for (StoredRecord record : candidates) {
            Set<String> subcategories = classifier.subcategories(record.type().value(), record.category());
            if (subcategories.isEmpty()) {
                asked.add(ConsentCategory.all(record.category()));
            }
            subcategories.forEach(sub -> asked.add(ConsentCategory.of(record.category(), sub)));
        }
        if (asked.isEmpty()) {
            all.forEach(record -> asked.add(ConsentCategory.all(record.category())));
        }
        if (asked.isEmpty()) {
            asked.add(ConsentCategory.all(DataCategory.MEDICAL));
        }
        return asked;
    }

    private Decision decide(ReleaseCaller caller, ResidentId resident, Set<ConsentCategory> asked) {
        try {
            return decisions.decide(new ConsentDecisionPoint.Question(caller.recipient(), caller.purpose(), resident,
                    asked, clock.instant()));
        } catch (ConsentUnavailableException e) {
            throw new ReleaseRefusedException(503, "FG-0703", "consent decisions are unavailable; nothing was released");
        }
    }

    /** Written before anything is decrypted; if it cannot be written, nothing is (fail closed). */
    private void log(ReleaseCaller caller, ResidentId resident, AccessAction action, Decision decision,
                     List<StoredRecord> opened) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        Set<DataCategory> categories = java.util.EnumSet.noneOf(DataCategory.class);
        for (StoredRecord record : opened) {
            counts.merge(record.type().value(), 1, Integer::sum);
            categories.add(record.category());
        }
        Set<String> consents = new java.util.HashSet<>();
        decision.reliedOn().forEach(ref -> consents.add(ref.id()));
        String reason = decision.reason().matches("[a-z0-9][a-z0-9._-]{0,63}") ? decision.reason() : "unrecognised";
        try {
            accessLog.append(new AccessLogEntry(caller.actor(), Optional.of(resident), action, counts, categories,
                    Optional.of(caller.purpose()), consents, decision.permit() ? AccessDecision.PERMIT : AccessDecision.DENY,
                    reason, caller.requestId()));
        } catch (AccessLogUnavailableException e) {
            throw new ReleaseRefusedException(503, "FG-0706", "the access log is unavailable; nothing was released");
        }
    }

    private final IParser parser = FhirContext.forR4Cached().newJsonParser();

    private Optional<Resource> decrypt(ResidentId resident, StoredRecord record) {
        try {
            DecryptedRecord decrypted = bank.read(resident, record.id());
            return Optional.of((Resource) parser.parseResource(decrypted.content().plaintextUtf8()));
        } catch (RecordNotFoundException gone) {
            return Optional.empty();
        } catch (KeyVaultUnavailableException | KeyVaultDeniedException e) {
            throw new ReleaseRefusedException(503, "FG-0707", "the key vault is unavailable; nothing was released");
        }
    }

    private static boolean lastUpdatedMatches(java.time.Instant storedAt, ReleaseQuery query) {
        return query.lastUpdated().stream().allMatch(b -> b.matches(storedAt, storedAt.plusMillis(1)));
    }

    private static java.time.Instant storedAt(Resource resource) {
        return (java.time.Instant) resource.getUserData(STORED_AT);
    }

    private static ReceiptFacts facts(ResidentId resident, ReleaseCaller caller, Decision decision,
                                      TreeSet<String> categories, int count) {
        return new ReceiptFacts(resident, caller, decision.reliedOn(), categories, count, decision.emergency());
    }
}
