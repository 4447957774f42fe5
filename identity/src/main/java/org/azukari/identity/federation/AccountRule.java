package org.azukari.identity.federation;

import java.util.Optional;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.PrincipalKind;

/**
 * The city's rule for a first sign-in through a provider: a resident's account when the address
 * the provider vouches for is in the city (it starts, after NFKC, with one of the configured
 * prefixes), otherwise an e-resident's (someone who is not registered at the city, or whose
 * provider sends no address). The assurance is what the provider's {@code acr} maps to; an
 * {@code acr} the configuration does not name, or none, gives {@code LOW}.
 */
final class AccountRule {

    private AccountRule() {
    }

    static PrincipalKind kindFor(ProviderSettings provider, Optional<String> address) {
        if (address.isEmpty()) {
            return PrincipalKind.E_RESIDENT;
        }
        String normalised = ProviderSettings.normalised(address.get());
        return provider.residentAddressPrefixes().stream().anyMatch(normalised::startsWith)
                ? PrincipalKind.RESIDENT : PrincipalKind.E_RESIDENT;
    }

    static AssuranceLevel assuranceFor(ProviderSettings provider, Optional<String> acr) {
        return acr.map(provider.acrLevels()::get).orElse(AssuranceLevel.LOW);
    }
}
