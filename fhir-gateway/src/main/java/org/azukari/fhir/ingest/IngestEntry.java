package org.azukari.fhir.ingest;

import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * One resource of an input, as sent: its place in the input (for error expressions), its
 * fullUrl and request, and the resource. Never logged.
 */
record IngestEntry(int index, String expression, Optional<String> fullUrl, Optional<Bundle.HTTPVerb> method,
                   Optional<String> requestUrl, Optional<String> ifNoneExist, Resource resource) {

    IngestEntry {
        Objects.requireNonNull(expression);
        Objects.requireNonNull(fullUrl);
        Objects.requireNonNull(method);
        Objects.requireNonNull(requestUrl);
        Objects.requireNonNull(ifNoneExist);
        Objects.requireNonNull(resource);
    }

    String type() {
        return resource.fhirType();
    }

    @Override
    public String toString() {
        return "IngestEntry[" + expression + ", " + type() + "]";
    }
}
