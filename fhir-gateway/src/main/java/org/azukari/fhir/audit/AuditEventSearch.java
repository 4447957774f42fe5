package org.azukari.fhir.audit;

import java.util.List;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.fhir.mapping.AuditEvents;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Runs an {@link AuditEventCriteria} against the access log's search (Elasticsearch in production,
 * SQL in the embedded default) and answers a searchset of AuditEvents for an auditor (resident ids
 * shown; codes, ids, counts and times only — the log holds nothing else). Newest first; when the
 * log gave a full page, {@code next} is the same search before the page's oldest entry (the log's
 * keyset cursor, so entries appended meanwhile never shift a page). No {@code total}: counting a
 * search of the whole log is not what a page costs. A search index that cannot answer is a 503
 * (FG-0745), never an empty page.
 */
public final class AuditEventSearch {

    private final AccessLogSearch log;

    public AuditEventSearch(AccessLogSearch log) {
        this.log = log;
    }

    /** @param base the FHIR server's base URL, for the links */
    public Bundle search(AuditEventCriteria criteria, String base) {
        String self = base + "/AuditEvent?" + criteria.linkQuery()
                + criteria.query().before().map(b -> "&_before=" + b).orElse("");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(self);
        if (criteria.matchesNothing()) {
            return bundle;
        }
        List<LoggedEntry> entries;
        try {
            entries = log.search(criteria.query());
        } catch (AccessLogUnavailableException e) {
            throw new AuditSearchRefusedException(FhirGatewayError.FG_0745,
                    "the access log's search is unavailable; nothing was answered, ask again later");
        }
        for (LoggedEntry entry : entries) {
            AuditEvent event = AuditEvents.toFhir(entry, AuditEvents.Audience.AUDITOR);
            if (criteria.outcomes().isEmpty() || criteria.outcomes().contains(event.getOutcome().toCode())) {
                bundle.addEntry().setFullUrl("urn:uuid:" + entry.entryId()).setResource(event)
                        .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
        }
        if (entries.size() == criteria.query().limit()) {
            bundle.addLink().setRelation("next").setUrl(base + "/AuditEvent?" + criteria.linkQuery() + "&_before="
                    + entries.get(entries.size() - 1).sequence());
        }
        return bundle;
    }
}
