package org.azukari.consent.decision;

import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.NeverShare;

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

/**
 * Active consents (in their period) and open emergency accesses, as grants to show the resident,
 * with what the resident marked never-share taken out: a category a mark covers is not listed, a
 * grant left with nothing is not listed at all (no one can see anything through it), and a finer
 * mark within a listed category is listed as withheld from it — the same rule as the decision
 * point's ({@link org.azukari.consent.api.ConsentDecisionPoint.Decision#releases}).
 */
public final class DefaultWhoCanSee implements WhoCanSee {

    private static final Purpose EMERGENCY = new Purpose("emergency");
    private final Consents consents;
    private final EmergencyAccesses emergencies;
    private final NeverShare neverShare;

    public DefaultWhoCanSee(Consents consents, EmergencyAccesses emergencies, NeverShare neverShare) {
        this.consents = consents;
        this.emergencies = emergencies;
        this.neverShare = neverShare;
    }

    @Override
    public List<Grant> whoCanSee(ResidentId resident, Instant at) {
        try {
            List<Grant> grants = new ArrayList<>();
            consents.forResident(resident).stream()
                    .filter(c -> c.statusAt(at) == ConsentStatus.ACTIVE && c.terms().period().contains(at))
                    .forEach(c -> grants.add(new Grant(c.terms().recipient(), c.terms().purpose(),
                            c.terms().categories(), Set.of(), c.terms().period().end(), false, c.ref())));
            emergencies.forResident(resident).stream().filter(e -> e.openAt(at))
                    .forEach(e -> grants.add(new Grant(e.recipient(), EMERGENCY, e.categories(), Set.of(),
                            Optional.of(e.until()), true, e.id().version(1))));
            Set<ConsentCategory> marks = neverShare.marks(resident);
            List<Grant> visible = new ArrayList<>();
            for (Grant grant : grants) {
                Set<ConsentCategory> left = grant.categories().stream()
                        .filter(category -> marks.stream().noneMatch(mark -> mark.covers(category)))
                        .collect(Collectors.toSet());
                Set<ConsentCategory> withheld = marks.stream()
                        .filter(mark -> left.stream().anyMatch(category -> category.covers(mark)))
                        .collect(Collectors.toSet());
                if (!left.isEmpty()) {
                    visible.add(new Grant(grant.recipient(), grant.purpose(), left, withheld, grant.until(),
                            grant.emergency(), grant.basis()));
                }
            }
            return visible;
        } catch (ConsentUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConsentUnavailableException("consent store unreadable", e);
        }
    }
}
