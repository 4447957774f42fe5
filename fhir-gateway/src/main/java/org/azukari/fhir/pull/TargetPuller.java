package org.azukari.fhir.pull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.azukari.fhir.ingest.DroppedElements;
import org.azukari.fhir.ingest.Ingest;
import org.azukari.fhir.ingest.IngestRefusedException;
import org.azukari.fhir.ingest.IngestResult;
import org.azukari.fhir.ingest.IngestSource;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * One pull of one target: find the resident's Patient at the source by the linked identifier,
 * then, for each configured resource type, walk
 * {@code <type>?patient=<id>&_lastUpdated=ge<mark - overlap>&_count=<n>} page by page. Each page
 * becomes one {@code collection} Bundle (the page's resources, plus the Patient so that the
 * ingest can match the resident) handed to {@link Ingest} before the next page is fetched:
 * memory holds one page, whatever the size of the record. A Patient changed since the mark is
 * handed over even when nothing else changed.
 *
 * <p>The new high-water mark is the upstream's own time, never the bank's clock: for each type
 * search, the first page's {@code meta.lastUpdated} (when the server ran it), else the latest
 * {@code meta.lastUpdated} it returned; the mark is the earliest of these, so that nothing one
 * search could have missed is above it. (A search with neither, that is an empty answer without
 * a time, sets no bound; the overlap covers writes racing it.) Nothing to go by: the mark stays.
 * A failure anywhere throws {@link PullFailure} and the caller keeps the old mark; pages already
 * taken in are taken in again on the retry, which the ingest answers as unchanged.
 */
final class TargetPuller {

    /** What a successful pull saw. */
    record Result(Optional<Instant> highWater, long pulled, long created, int pages) {
    }

    private final Upstreams upstreams;
    private final OrganisationRegistry organisations;
    private final Ingest ingest;
    private final PullPolicy policy;

    TargetPuller(Upstreams upstreams, OrganisationRegistry organisations, Ingest ingest, PullPolicy policy) {
        this.upstreams = upstreams;
        this.organisations = organisations;
        this.ingest = ingest;
        this.policy = policy;
    }

    /** Counts across the type searches of one pull. */
    private static final class Tally {
        Instant mark;
        long pulled;
        long created;
        int pages;
        int bundles;

        void bound(Instant searchedAt) {
            if (searchedAt != null && (mark == null || searchedAt.isBefore(mark))) {
                mark = searchedAt;
            }
        }
    }

    Result pull(PullSource source, UpstreamIdentifier identifier, PullCursor cursor, String runId) {
        IngestSource into = new IngestSource(source.organisation(), organisations.findOrganisation(source.organisation())
                .map(Organisation::kind)
                .orElseThrow(() -> new PullFailure(FhirGatewayError.FG_0621,
                        "the source organisation is no longer registered")),
                Optional.empty(), source.mode());
        Upstream upstream = upstreams.open(source);
        Bundle.BundleEntryComponent patient = upstream.findPatient(identifier);
        Optional<Instant> since = cursor.since(policy.overlap());
        Tally tally = new Tally();
        for (String type : policy.resourceTypes()) {
            Bundle page = upstream.changes(type, patient.getResource().getIdElement(), since, policy.pageSize());
            Instant searchedAt = instant(page.getMeta().getLastUpdated());
            Instant latestSeen = null;
            while (page != null) {
                if (++tally.pages > policy.maxPages()) {
                    throw new PullFailure(FhirGatewayError.FG_0616,
                            "the source kept paging past " + policy.maxPages() + " pages");
                }
                List<Bundle.BundleEntryComponent> entries = resources(page);
                for (Bundle.BundleEntryComponent entry : entries) {
                    Instant updated = instant(entry.getResource().getMeta().getLastUpdated());
                    if (updated != null && (latestSeen == null || updated.isAfter(latestSeen))) {
                        latestSeen = updated;
                    }
                }
                if (!entries.isEmpty()) {
                    tally.created += take(into, collection(patient, entries), runId + "-" + ++tally.bundles, upstream);
                    tally.pulled += (int) entries.stream().filter(TargetPuller::isMatch).count();
                }
                page = upstream.next(page).orElse(null);
            }
            tally.bound(searchedAt != null ? searchedAt : latestSeen);
        }
        Instant patientUpdated = instant(patient.getResource().getMeta().getLastUpdated());
        if (since.isEmpty() || patientUpdated == null || !patientUpdated.isBefore(since.get())) {
            if (tally.bundles == 0) {
                tally.created += take(into, collection(patient, List.of()), runId + "-" + ++tally.bundles, upstream);
            }
            tally.pulled++;
        }
        return new Result(Optional.ofNullable(tally.mark), tally.pulled, tally.created, tally.pages);
    }

    /** FG-0214 for each element parsing dropped from an entry of the page, naming the entry as the bank numbers it. */
    private static List<OperationOutcomeIssueComponent> dropped(Bundle bundle, Upstream upstream) {
        List<OperationOutcomeIssueComponent> warnings = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            String at = "Bundle.entry[" + i + "].resource";
            upstream.droppedFrom(bundle.getEntry().get(i).getResource())
                    .forEach(element -> warnings.add(DroppedElements.warning(element, at)));
        }
        return warnings;
    }

    /** A record the search found, as opposed to one it brought along by {@code _include}. */
    private static boolean isMatch(Bundle.BundleEntryComponent entry) {
        return !(entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The page's resources; search outcomes (OperationOutcome entries) are the server talking, not records. */
    private static List<Bundle.BundleEntryComponent> resources(Bundle page) {
        List<Bundle.BundleEntryComponent> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : page.getEntry()) {
            if (entry.getResource() != null
                    && !(entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)) {
                resources.add(entry);
            }
        }
        return resources;
    }

    private static Bundle collection(Bundle.BundleEntryComponent patient, List<Bundle.BundleEntryComponent> entries) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.COLLECTION);
        Resource focal = patient.getResource();
        boolean pageHasPatient = entries.stream().map(Bundle.BundleEntryComponent::getResource)
                .anyMatch(resource -> resource.fhirType().equals(focal.fhirType())
                        && resource.getIdElement().getIdPart().equals(focal.getIdElement().getIdPart()));
        if (!pageHasPatient) {
            bundle.addEntry().setFullUrl(patient.getFullUrl()).setResource(focal);
        }
        for (Bundle.BundleEntryComponent entry : entries) {
            bundle.addEntry().setFullUrl(entry.getFullUrl()).setResource(entry.getResource());
        }
        return bundle;
    }

    private long take(IngestSource into, Bundle bundle, String requestId, Upstream upstream) {
        try {
            IngestResult result = ingest.ingest(into, bundle, requestId, dropped(bundle, upstream));
            return result.created();
        } catch (IngestRefusedException e) {
            // the ingest's message is its own FG code, never the input
            throw new PullFailure(FhirGatewayError.FG_0617,
                    "the bank refused a page (HTTP " + e.status() + ", " + e.getMessage() + ")");
        }
    }
}
