package org.azukari.fhir.pull;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PrincipalKind;

/**
 * The operator's register of pull sources. A source belongs to a registered organisation that
 * holds records (as a source feed would), and names its credential by reference only; bad input
 * is refused with an {@link IllegalArgumentException} carrying an {@code FG-06nn} code and
 * never the input.
 */
public final class PullSources {

    private final PullStore store;
    private final OrganisationRegistry organisations;
    private final PullCredentials credentials;
    private final Clock clock;

    public PullSources(PullStore store, OrganisationRegistry organisations, PullCredentials credentials, Clock clock) {
        this.store = store;
        this.organisations = organisations;
        this.credentials = credentials;
        this.clock = clock;
    }

    public PullSource register(OrganisationId organisation, String baseUrl, Optional<String> credentialRef,
                               ValidationMode mode) {
        Organisation found = organisations.findOrganisation(organisation)
                .orElseThrow(() -> new BadInputException(FhirGatewayError.FG_0602, "unknown organisation"));
        if (!found.kind().fits(PrincipalKind.SOURCE_FEED)) {
            throw new BadInputException(FhirGatewayError.FG_0604, "only an organisation that holds records is a pull source");
        }
        credentialRef.ifPresent(ref -> {
            PullSource.checkCredentialRef(ref);
            if (!credentials.knows(ref)) {
                throw new BadInputException(FhirGatewayError.FG_0603, "no credentials are configured under that reference");
            }
        });
        PullSource source = new PullSource(PullSourceId.random(), organisation, PullSource.baseUrl(baseUrl),
                credentialRef, mode, true);
        store.addSource(source, clock.instant());
        return source;
    }

    public Optional<PullSource> find(PullSourceId id) {
        return store.source(id);
    }

    /** @return false when there is no such source */
    public boolean setEnabled(PullSourceId id, boolean enabled) {
        return store.setEnabled(id, enabled);
    }

    public Optional<PullStatus> status(PullSourceId id) {
        return store.source(id).map(source -> PullStatus.of(source, store.cursors(id)));
    }

    public List<PullStatus> statuses() {
        return store.sources().stream().map(source -> PullStatus.of(source, store.cursors(source.id()))).toList();
    }
}
