package org.azukari.fhir.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.identity.api.NonDecreasingClock;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Releases one resident's records to a clinic: resolve the clinic's pseudonym → open the records
 * ({@link Opening}: metadata, one decision, one access-log entry, then decryption and the
 * classification filter) → narrow by the search → redact and rename for the clinic → a Bundle
 * whose total counts only what is released. Every deny, unknown pseudonym or foreign record is the
 * same 404.
 */
public final class Release {

    private final TrustBank bank;
    private final PseudonymDirectory directory;
    private final Pseudonyms pseudonyms;
    private final DataClassifier classifier;
    private final Opening opening;
    private final Searchsets searchsets;
    private final SearchMatcher matcher = new SearchMatcher();
    private final ReferencePaths references = new ReferencePaths();

    public Release(TrustBank bank, AccessLog accessLog, ConsentDecisionPoint decisions, Introductions introductions,
                   DataClassifier classifier, Clock clock) {
        this.bank = bank;
        this.directory = introductions.directory();
        this.pseudonyms = introductions.pseudonyms();
        this.classifier = classifier;
        // consents and emergency openings end by the clock: one set back must not open them again
        this.opening = new Opening(bank, decisions, new ReleaseLog(accessLog), classifier, NonDecreasingClock.of(clock));
        this.searchsets = new Searchsets(bank);
    }

    /** The pseudonyms and whom they name, as one dependency. */
    public record Introductions(Pseudonyms pseudonyms, PseudonymDirectory directory) {
    }

    /** {@code GET Patient/{pseudonym}}: the resident's demographics, if anything at all is released to this clinic. */
    public Released readPatient(ReleaseCaller caller, RecipientPseudonym pseudonym) {
        ResidentId resident = resolve(caller, pseudonym);
        return opening.open(new Opening.Request(caller, resident, pseudonym, r -> false, AccessAction.READ, true),
                opened -> new Released(opened.patient().orElseThrow(ReleaseRefusedException::notFound),
                        facts(opened, new TreeSet<>(), 1)));
    }

    /** {@code GET {type}?patient=...}: one page of the matches, {@code nextPage} builds the link for an offset. */
    public Released search(ReleaseCaller caller, ReleaseQuery query, int offset, IntFunction<String> nextPage,
                           String base) {
        ResidentId resident = resolve(caller, query.patient());
        Set<String> related = query.relatedTypes(classifier.categorisedTypes());
        Opening.Request request = new Opening.Request(caller, resident, query.patient(),
                r -> related.contains(r.type().value())
                        || (r.type().value().equals(query.type()) && lastUpdatedMatches(r.storedAt(), query)),
                AccessAction.SEARCH, query.includesPatient() && !query.summaryCount());
        return opening.open(request, opened -> {
            List<Resource> released = opened.records();
            List<Resource> matches = released.stream().filter(r -> r.fhirType().equals(query.type())
                    && lastUpdatedMatches(Opening.storedAt(r), query) && matcher.matches(r, query)
                    && has(r, query, released)).toList();
            Bundle bundle = Searchsets.searchset(matches.size());
            if (query.summaryCount()) {
                Searchsets.warnUnreadable(bundle, opened);
                return new Released(bundle, facts(opened, new TreeSet<>(), 0));
            }
            List<Resource> page = window(matches, offset, query.count());
            if (offset + query.count() < matches.size()) {
                bundle.addLink().setRelation("next").setUrl(nextPage.apply(offset + query.count()));
            }
            List<Resource> earlier = new ArrayList<>(window(matches, 0, offset));
            earlier.addAll(included(earlier, query, released));
            Searchsets.Page sent = new Searchsets.Page(page, opened.patient().filter(p -> citesPatient(page, query)),
                    included(page, query, released), earlier, query.elements());
            Searchsets.Sent out = searchsets.add(bundle, sent, names(caller, query.patient()), base);
            Searchsets.warnUnreadable(bundle, opened);
            return new Released(bundle, facts(opened, out.categories(), out.count()));
        });
    }

    /** {@code GET Patient/{pseudonym}/$everything}: the Patient (on the first page) and one page of every released record. */
    public Released everything(ReleaseCaller caller, EverythingQuery query, int offset, IntFunction<String> nextPage,
                               String base) {
        RecipientPseudonym pseudonym = query.patient();
        ResidentId resident = resolve(caller, pseudonym);
        Set<String> types = classifier.categorisedTypes();
        Opening.Request request = new Opening.Request(caller, resident, pseudonym, r -> types.contains(r.type().value())
                && query.wants(r.type().value()) && query.since().map(s -> !r.storedAt().isBefore(s)).orElse(true),
                AccessAction.READ, offset == 0);
        return opening.open(request, opened -> {
            List<Resource> records = opened.records();
            Bundle bundle = Searchsets.searchset(records.size() + 1);
            if (offset == 0) {
                Patient patient = opened.patient().orElseThrow(ReleaseRefusedException::notFound);
                Searchsets.add(bundle, patient, base, Bundle.SearchEntryMode.MATCH);
            }
            List<Resource> page = window(records, offset, query.count());
            if (offset + query.count() < records.size()) {
                bundle.addLink().setRelation("next").setUrl(nextPage.apply(offset + query.count()));
            }
            Searchsets.Page sent = new Searchsets.Page(page, Optional.empty(), List.of(), window(records, 0, offset),
                    List.of());
            Searchsets.Sent out = searchsets.add(bundle, sent, names(caller, pseudonym), base);
            Searchsets.warnUnreadable(bundle, opened);
            return new Released(bundle, facts(opened, out.categories(), (offset == 0 ? 1 : 0) + out.count()));
        });
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
                Opening.Request request = new Opening.Request(caller, resident, pseudonym,
                        r -> r.id().value().equals(bankId), AccessAction.READ, false);
                return opening.open(request, opened -> {
                    if (opened.records().isEmpty()) {
                        throw ReleaseRefusedException.notFound();
                    }
                    Resource resource = opened.records().get(0);
                    TreeSet<String> categories = new TreeSet<>(Set.of(Opening.categoryOf(resource)));
                    searchsets.redacted(resource, names(caller, pseudonym));
                    return new Released(resource, facts(opened, categories, 1));
                });
            }
        }
        throw ReleaseRefusedException.notFound();
    }

    private RecipientNames names(ReleaseCaller caller, RecipientPseudonym pseudonym) {
        return new RecipientNames(caller.organisation(), pseudonym, pseudonyms);
    }

    private ResidentId resolve(ReleaseCaller caller, RecipientPseudonym pseudonym) {
        ResidentId resident = directory.resolve(caller.organisation(), pseudonym)
                .orElseThrow(ReleaseRefusedException::notFound);
        if (!pseudonyms.of(caller.organisation(), resident).equals(pseudonym) || !bank.isEnrolled(resident)) {
            throw ReleaseRefusedException.notFound();
        }
        return resident;
    }

    /** Whether a match of the page cites the resident through one of the query's {@code _include}s. */
    private boolean citesPatient(List<Resource> page, ReleaseQuery query) {
        return page.stream().anyMatch(r -> query.include().stream().anyMatch(include -> references.references(r, include)
                .stream().anyMatch(literal -> literal.startsWith("Patient/"))));
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
        Set<String> onPage = new HashSet<>();
        page.forEach(r -> onPage.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        Set<String> wanted = new HashSet<>();
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

    private static List<Resource> window(List<Resource> records, int from, int count) {
        return records.subList(Math.min(from, records.size()), Math.min(from + count, records.size()));
    }

    private static boolean lastUpdatedMatches(Instant storedAt, ReleaseQuery query) {
        return query.lastUpdated().stream().allMatch(b -> b.matches(storedAt, storedAt.plusMillis(1)));
    }

    private static ReceiptFacts facts(Opening.Opened opened, SortedSet<String> categories, int count) {
        return new ReceiptFacts(opened.request().resident(), opened.request().caller(), opened.request().action(),
                opened.decision().reliedOn(), categories, count, opened.decision().emergency());
    }
}
