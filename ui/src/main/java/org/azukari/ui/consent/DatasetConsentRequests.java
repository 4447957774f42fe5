package org.azukari.ui.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.ui.web.UiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * After an approval, asks every resident and e-resident, in the mission's words, whether the
 * wellness service may have the requested categories for its purpose — unless a request is
 * already pending or a consent already active for that organisation and purpose. Asking is not
 * including: only a "yes" puts anyone in an export's cohort. Lives at the edge (here, next to the
 * question's wording, shared by the operator API and the console) because the list of residents
 * and the purpose wording belong to identity, which depends on consent-policy.
 *
 * <p>Each request is its own transaction with its access-log entry. If the store or the log stops
 * midway, those already asked stay asked and the rest are not; asking again skips whoever was
 * asked, so the operator can simply repeat it.
 */
@Component
public final class DatasetConsentRequests {

    static final String CHANNEL = "dataset-request";
    private static final Logger LOG = LoggerFactory.getLogger(DatasetConsentRequests.class);

    private final Consents consents;
    private final PeopleRegistry people;
    private final PurposeRegistry purposes;
    private final Clock clock;

    DatasetConsentRequests(Consents consents, PeopleRegistry people, PurposeRegistry purposes,
                           ObjectProvider<Clock> clock) {
        this.consents = consents;
        this.people = people;
        this.purposes = purposes;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** How many residents were asked now, and whether everyone who should be asked has been. */
    public record Asked(int asked, boolean complete) {
    }

    /** Asks for an {@code APPROVED} request only; anything else is refused ({@code DS-0110}). */
    public Asked askFor(DatasetRequest request, AccessActor operator) {
        if (!request.approved()) {
            throw new BadStateException(UiError.DS_0110, "residents are asked only for an approved request");
        }
        DatasetSpec spec = request.spec();
        Recipient recipient = Recipient.organisation(request.recipient().organisation());
        Instant now = clock.instant();
        String text = ConsentQuestion.text(purposes, spec.purpose(), spec.categories(), "ja", ConsentQuestion.VERSION);
        int asked = 0;
        try {
            for (ResidentId resident : people.residents()) {
                if (alreadyAsked(resident, request, now)) {
                    continue;
                }
                consents.request(resident, new ConsentTerms(recipient, spec.purpose(), Set.copyOf(spec.categories()),
                        ConsentPeriod.from(now)), ConsentEvidence.shown(text, "ja", ConsentQuestion.VERSION, now,
                        CHANNEL), operator);
                asked++;
            }
            return new Asked(asked, true);
        } catch (AccessLogUnavailableException | ConsentUnavailableException e) {
            LOG.warn("DS-0111 asking residents for dataset request {} stopped after {}: {}", request.id(), asked,
                    e.getClass().getSimpleName());
            return new Asked(asked, false);
        }
    }

    /**
     * Asked already, or answered: a pending request, an active consent, or a no or a withdrawal
     * for this organisation and purpose. A resident who said no is not asked again by the next
     * approval; only one whose consent simply ran out may be.
     */
    private boolean alreadyAsked(ResidentId resident, DatasetRequest request, Instant now) {
        return consents.forResident(resident).stream().anyMatch(c -> matches(c, request)
                && c.statusAt(now) != ConsentStatus.EXPIRED);
    }

    private static boolean matches(Consent c, DatasetRequest request) {
        return c.terms().recipient().organisation().equals(request.recipient().organisation())
                && c.terms().purpose().equals(request.spec().purpose());
    }
}
