package org.azukari.fhir.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The entries of one page of a release, in order: the matches, the Patient when it is included,
 * the included released records, then the directory resources they cite — each redacted and
 * renamed for the recipient. A directory resource goes out once per response, and not again on
 * a later page of the same paging when an earlier page's entries cited it.
 */
final class Searchsets {

    private static final String SUBSETTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    private final Redaction redaction = new Redaction();
    private final CitedDirectory cited;

    Searchsets(TrustBank bank) {
        this.cited = new CitedDirectory(bank);
    }

    /** What one page sends. {@code earlier} are the entries earlier pages of the same paging sent (not sent again). */
    record Page(List<Resource> matches, Optional<Patient> patient, List<Resource> included, List<Resource> earlier,
                List<String> elements) {
    }

    static Bundle searchset(int total) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(total);
        bundle.setId(UUID.randomUUID().toString());
        return bundle;
    }

    /** What a page sent, for its receipt: how many entries, and the categories its records were released under. */
    record Sent(int count, SortedSet<String> categories) {
    }

    /** The categories the page's records were released under ({@code MEDICAL/laboratory}). */
    private static SortedSet<String> categories(Page page) {
        TreeSet<String> categories = new TreeSet<>();
        page.matches().forEach(r -> categories.add(Opening.categoryOf(r)));
        page.included().forEach(r -> categories.add(Opening.categoryOf(r)));
        categories.remove("");
        return categories;
    }

    /** Adds the page's entries to {@code bundle}. */
    Sent add(Bundle bundle, Page page, RecipientNames names, String base) {
        SortedSet<String> categories = categories(page); // before redaction strips what they were released under
        List<Resource> sending = new ArrayList<>(page.matches());
        sending.addAll(page.included());
        Set<String> sentBefore = new HashSet<>(cited.citedBy(page.earlier()));
        List<Resource> directory = cited.of(sending, sentBefore);
        for (Resource match : page.matches()) {
            add(bundle, subset(redacted(match, names), page.elements()), base, Bundle.SearchEntryMode.MATCH);
        }
        page.patient().ifPresent(patient -> add(bundle, patient, base, Bundle.SearchEntryMode.INCLUDE));
        for (Resource include : page.included()) {
            add(bundle, redacted(include, names), base, Bundle.SearchEntryMode.INCLUDE);
        }
        for (Resource include : directory) {
            add(bundle, redacted(include, names), base, Bundle.SearchEntryMode.INCLUDE);
        }
        return new Sent(page.matches().size() + (page.patient().isPresent() ? 1 : 0) + page.included().size()
                + directory.size(), categories);
    }

    /**
     * Ends a page with a warning when the decision opened records whose content could not be parsed
     * ({@link StoredContent}): they are left out, and the warning names no record, no type and no
     * count — only that the answer is incomplete. It is no record: neither {@code total} nor the
     * receipt's count includes it.
     */
    static void warnUnreadable(Bundle bundle, Opening.Opened opened) {
        if (!opened.leftOutUnreadable()) {
            return;
        }
        OperationOutcome outcome = OperationOutcomes.warning(OperationOutcome.IssueType.INCOMPLETE,
                StoredContent.UNREADABLE + " some records could not be read and were left out of this answer");
        String id = UUID.randomUUID().toString();
        outcome.setId(id);
        bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(outcome).getSearch()
                .setMode(Bundle.SearchEntryMode.OUTCOME);
    }

    /** Redacts and renames one record for the recipient (in place). */
    Resource redacted(Resource resource, RecipientNames names) {
        Opening.forget(resource);
        redaction.redact(resource, names);
        return resource;
    }

    static void add(Bundle bundle, Resource resource, String base, Bundle.SearchEntryMode mode) {
        bundle.addEntry().setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdPart())
                .setResource(resource).getSearch().setMode(mode);
    }

    /** {@code _elements}: only the elements asked for (and id and meta), marked SUBSETTED as FHIR requires. */
    private static Resource subset(Resource resource, List<String> elements) {
        if (elements.isEmpty()) {
            return resource;
        }
        IParser subsetting = FhirContext.forR4Cached().newJsonParser();
        Set<String> kept = new HashSet<>();
        elements.forEach(e -> kept.add(resource.fhirType() + "." + e));
        subsetting.setEncodeElements(kept);
        Resource subset = (Resource) FhirContext.forR4Cached().newJsonParser()
                .parseResource(subsetting.encodeResourceToString(resource));
        if (subset.getMeta().getTag(SUBSETTED_SYSTEM, "SUBSETTED") == null) {
            subset.getMeta().addTag(SUBSETTED_SYSTEM, "SUBSETTED", "subsetted");
        }
        return subset;
    }
}
