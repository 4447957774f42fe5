package org.azukari.consent.decision;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.WhoCanSee;

/** Active consents (in their period) and open emergency accesses, as grants to show the resident. */
public final class DefaultWhoCanSee implements WhoCanSee {

    private static final Purpose EMERGENCY = new Purpose("emergency");
    private final Consents consents;
    private final EmergencyAccesses emergencies;

    public DefaultWhoCanSee(Consents consents, EmergencyAccesses emergencies) {
        this.consents = consents;
        this.emergencies = emergencies;
    }

    @Override
    public List<Grant> whoCanSee(ResidentId resident, Instant at) {
        try {
            List<Grant> grants = new ArrayList<>();
            consents.forResident(resident).stream()
                    .filter(c -> c.statusAt(at) == ConsentStatus.ACTIVE && c.terms().period().contains(at))
                    .forEach(c -> grants.add(new Grant(c.terms().recipient(), c.terms().purpose(),
                            c.terms().categories(), c.terms().period().end(), false, c.ref())));
            emergencies.forResident(resident).stream().filter(e -> e.openAt(at))
                    .forEach(e -> grants.add(new Grant(e.recipient(), EMERGENCY, e.categories(),
                            Optional.of(e.until()), true, e.id().version(1))));
            return grants;
        } catch (ConsentUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConsentUnavailableException("consent store unreadable", e);
        }
    }
}
