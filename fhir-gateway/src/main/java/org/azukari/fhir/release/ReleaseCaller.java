package org.azukari.fhir.release;

import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;

/**
 * Who asks for a release and why: a clinic EMR client of an organisation, the purpose it
 * stated, and the request id the log and the receipt carry.
 */
public record ReleaseCaller(String organisation, String client, Purpose purpose, String requestId) {

    private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ReleaseCaller {
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(client);
        Objects.requireNonNull(purpose);
        if (!REQUEST.matcher(requestId).matches()) {
            throw new IllegalArgumentException("FG-0705 malformed request id");
        }
    }

    public Recipient recipient() {
        return Recipient.organisation(organisation);
    }

    AccessActor actor() {
        return new AccessActor("CLINIC_EMR", client, java.util.Optional.of(organisation), java.util.Optional.of(client));
    }
}
