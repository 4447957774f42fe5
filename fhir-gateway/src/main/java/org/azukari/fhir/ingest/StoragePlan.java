package org.azukari.fhir.ingest;

import java.util.List;
import java.util.Set;

/** What one all-or-nothing input comes to: each entry's decision, and the custodies something is stored into. */
record StoragePlan(List<EntryDecision> decisions, Set<Custody> custodies) {
}
