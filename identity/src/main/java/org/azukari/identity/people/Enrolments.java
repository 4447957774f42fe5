package org.azukari.identity.people;

import java.time.Clock;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PrincipalKind;

/**
 * Links a source's identifiers to residents. Only a registered resident, at a registered
 * organisation that holds records (not a wellness service), and one resident per identifier.
 */
final class Enrolments {

    private final Accounts accounts;
    private final EnrolmentLinks links;
    private final EnrolmentIdentifiers identifiers;
    private final Clock clock;

    Enrolments(Accounts accounts, EnrolmentLinks links, EnrolmentIdentifiers identifiers, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.identifiers = identifiers;
        this.clock = clock;
    }

    void link(EnrolmentLink link) {
        if (link == null) {
            throw new BadInputException(IdentityError.ID_0132, "unknown resident");
        }
        EnrolmentIdentifiers.check(link.system(), link.value());
        if (!accounts.residentExists(link.resident())) {
            throw new BadInputException(IdentityError.ID_0132, "unknown resident");
        }
        OrganisationKind source = accounts.organisationKind(link.source())
                .orElseThrow(() -> new BadInputException(IdentityError.ID_0106, "unknown organisation"));
        if (!source.fits(PrincipalKind.SOURCE_FEED)) {
            throw new BadInputException(IdentityError.ID_0134, "only a record-holding organisation links identifiers");
        }
        String hash = identifiers.hash(link.system(), link.value());
        if (links.link(link.resident(), link.source(), link.system(), hash, clock.instant())
                == EnrolmentLinks.Outcome.LINKED_TO_ANOTHER) {
            throw new BadInputException(IdentityError.ID_0133, "this identifier is already linked to another resident");
        }
    }

    /** Malformed input finds nothing (ingest asks with whatever a bundle carried). */
    Optional<ResidentId> find(OrganisationId source, String system, String value) {
        if (source == null) {
            return Optional.empty();
        }
        try {
            EnrolmentIdentifiers.check(system, value);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return links.find(source, identifiers.hash(system, value));
    }
}
