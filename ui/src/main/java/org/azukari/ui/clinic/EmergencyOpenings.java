package org.azukari.ui.clinic;

import java.time.Clock;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The rules for opening break-glass access, shared by the clinic's web page and the portal's
 * JSON endpoint: only a practitioner holding the emergency role (read from the registry on every
 * call, so a revocation counts at once) may open, and is refused before anything is looked up;
 * system, value and reason are required; the resident is found by the identifier the
 * practitioner's own organisation linked them with, and an unknown one is not quoted back. The
 * reason is stored for the resident and the reviewing operator and never logged.
 */
@Component
public class EmergencyOpenings {

    private final EmergencyAccesses emergencies;
    private final PeopleRegistry people;
    private final Clock clock;

    public EmergencyOpenings(EmergencyAccesses emergencies, PeopleRegistry people, ObjectProvider<Clock> clock) {
        this.emergencies = emergencies;
        this.people = people;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Whether {@code caller}, the signed-in subject's principal, may open emergency access at all: a
     * person granted {@code record:release:<own organisation>} (a practitioner) holding the role.
     */
    public boolean mayOpen(Caller caller) {
        return caller.account().isPresent() && caller.organisation().isPresent()
                && caller.equals(SecurityUtils.getSubject().getPrincipal())
                && CallerPermission.REQUEST_RELEASE.isHeldBy(SecurityUtils.getSubject())
                && people.holdsEmergencyRole(caller.account().get());
    }

    /**
     * Opens emergency access for the caller's organisation.
     *
     * @throws NotAllowed             when the caller may not open one (checked first)
     * @throws IllegalArgumentException {@code OP-0002} when a field is missing, {@code CP-0230} for the reason
     * @throws NoSuchResident         when the organisation linked nobody with that identifier
     */
    public EmergencyAccess open(Caller caller, String system, String value, String reason) {
        if (!mayOpen(caller)) {
            throw new NotAllowed();
        }
        AccountId account = caller.account().orElseThrow();
        OrganisationId organisation = caller.organisation().orElseThrow();
        if (system == null || value == null || system.isBlank() || value.isBlank()) {
            throw new BadInputException(FhirGatewayError.OP_0002, "system, value and reason are required");
        }
        EmergencyAccess.requireReason(reason);
        ResidentId resident = people.findResidentByEnrolment(organisation, system.strip(), value.strip())
                .orElseThrow(NoSuchResident::new);
        return emergencies.open(resident, account.toString(), Recipient.organisation(organisation.value()), reason,
                clock.instant());
    }

    /** Not a practitioner holding the emergency role: nothing was looked up. */
    public static final class NotAllowed extends RuntimeException implements Coded {
        NotAllowed() {
            super(ConsentPolicyError.CP_0234.message(
                    "emergency access needs a practitioner holding the emergency role"), null, false, false);
        }

        @Override
        public ConsentPolicyError errorCode() {
            return ConsentPolicyError.CP_0234;
        }
    }

    /** The practitioner's organisation linked nobody with that identifier (which is not repeated here). */
    public static final class NoSuchResident extends RuntimeException implements Coded {
        NoSuchResident() {
            super(ConsentPolicyError.CP_0235.message("no resident linked to that identifier by your organisation"),
                    null, false, false);
        }

        @Override
        public ConsentPolicyError errorCode() {
            return ConsentPolicyError.CP_0235;
        }
    }
}
