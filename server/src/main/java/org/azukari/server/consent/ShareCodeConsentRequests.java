package org.azukari.server.consent;

import org.azukari.ui.consent.ConsentQuestion;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.ConsentRequests;
import org.azukari.identity.api.PurposeRegistry;
import org.springframework.stereotype.Component;

/**
 * When a clinic is introduced by a share code and nothing covers it yet, the resident is asked,
 * in the mission's words, whether the clinic may have their medical data for the purpose it
 * states. A request already pending or a consent already active for that clinic and purpose is
 * not asked again.
 */
@Component
final class ShareCodeConsentRequests implements ConsentRequests {

    /** What a clinic introduced by a share code asks for: the medical record. */
    static final Set<ConsentCategory> CLINIC_ASKS_FOR = Set.of(ConsentCategory.all(DataCategory.MEDICAL));

    private final Consents consents;
    private final PurposeRegistry purposes;
    private final Clock clock = Clock.systemUTC();

    ShareCodeConsentRequests(Consents consents, PurposeRegistry purposes) {
        this.consents = consents;
        this.purposes = purposes;
    }

    @Override
    public void fileRequest(ResidentId resident, Recipient recipient, Purpose purpose) {
        boolean alreadyAsked = consents.forResident(resident).stream()
                .filter(c -> c.status() == ConsentStatus.PROPOSED || c.statusAt(clock.instant()) == ConsentStatus.ACTIVE)
                .anyMatch(c -> c.terms().recipient().equals(recipient) && c.terms().purpose().equals(purpose));
        if (alreadyAsked) {
            return;
        }
        String text = ConsentQuestion.text(purposes, purpose, CLINIC_ASKS_FOR, "ja", ConsentQuestion.VERSION);
        ConsentEvidence question = ConsentEvidence.shown(text, "ja", ConsentQuestion.VERSION, clock.instant(),
                "share-code");
        consents.request(resident, new ConsentTerms(recipient, purpose, CLINIC_ASKS_FOR,
                ConsentPeriod.from(clock.instant())), question, new AccessActor(AccessActor.Kind.CLINIC_EMR,
                recipient.organisation(), Optional.of(recipient.organisation()), Optional.empty()));
    }
}
