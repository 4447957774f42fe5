package org.azukari.fhir.release;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * Who asks for a release and why: a clinic EMR client of an organisation (or a practitioner of
 * that organisation in the clinic's web view), the purpose it stated, and the request id the log
 * and the receipt carry. Either way the recipient is the organisation; the access log names who
 * acted by kind and id.
 *
 * @param client the EMR client's id, or the practitioner's account id when {@code kind} is {@code PRACTITIONER}
 * @param kind   {@value #CLINIC_EMR} or {@value #PRACTITIONER}
 */
public record ReleaseCaller(String organisation, String client, Purpose purpose, String requestId, String kind) {

    public static final String CLINIC_EMR = "CLINIC_EMR";
    public static final String PRACTITIONER = "PRACTITIONER";
    private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ReleaseCaller {
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(client);
        Objects.requireNonNull(purpose);
        if (!REQUEST.matcher(requestId).matches()) {
            throw new BadInputException(FhirGatewayError.FG_0705, "malformed request id");
        }
        if (!CLINIC_EMR.equals(kind) && !PRACTITIONER.equals(kind)) {
            throw new BadInputException(FhirGatewayError.FG_0716, "a release caller is a clinic EMR or a practitioner");
        }
    }

    /** A clinic EMR client. */
    public ReleaseCaller(String organisation, String client, Purpose purpose, String requestId) {
        this(organisation, client, purpose, requestId, CLINIC_EMR);
    }

    /** A practitioner of {@code organisation}, signed in to the clinic's web view. */
    public static ReleaseCaller practitioner(String organisation, String account, Purpose purpose, String requestId) {
        return new ReleaseCaller(organisation, account, purpose, requestId, PRACTITIONER);
    }

    public Recipient recipient() {
        return Recipient.organisation(organisation);
    }

    AccessActor actor() {
        return new AccessActor(AccessActor.Kind.named(kind), client, Optional.of(organisation),
                CLINIC_EMR.equals(kind) ? Optional.of(client) : Optional.empty());
    }
}
