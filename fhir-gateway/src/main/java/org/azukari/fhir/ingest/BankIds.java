package org.azukari.fhir.ingest;

import java.util.Map;
import org.azukari.fhir.ingest.IngestPlan.Target;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Gives each resource its bank id and points its references at bank ids; the source's own name
 * for it ({@code Type/id/_history/version}) goes into {@code meta.source}, inside the encrypted record.
 */
final class BankIds {

    private BankIds() {
    }

    static void rewrite(IngestSource source, IngestPlan plan, IngestEntry entry, Map<IngestEntry, EntryDecision> decisions) {
        Resource resource = entry.resource();
        for (Reference reference : plan.references(resource)) {
            Target target = plan.targets().get(reference);
            if (target instanceof Target.ToEntry toEntry) {
                reference.setReference(toEntry.entry().type() + "/" + decisions.get(toEntry.entry()).record().value());
            } else if (target instanceof Target.ToIndexed indexed) {
                reference.setReference(indexed.type() + "/" + indexed.record().record().value());
            }
        }
        SourceRef ref = plan.ref(entry);
        String version = VersionDecisions.sourceVersion(entry).map(v -> "/_history/" + v).orElse("");
        resource.setId(entry.type() + "/" + decisions.get(entry).record().value());
        resource.getMeta().setVersionId(null).setLastUpdated(null)
                .setSource(BankIngest.SOURCE_URI_PREFIX + source.organisation().value() + "#" + ref.type() + "/" + ref.id()
                        + version);
    }
}
