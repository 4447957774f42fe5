package org.azukari.fhir.release;

import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/** A release ready to send: the response resource and the facts its receipt will state. */
public record Released(Resource body, ReceiptFacts facts) {

    public Released {
        Objects.requireNonNull(body);
        Objects.requireNonNull(facts);
    }
}
