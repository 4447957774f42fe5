package org.azukari.identity.federation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.ProviderId;
import org.azukari.identity.people.MyNumberGuard;

/**
 * What one sign-in through a provider establishes, as recorded: the provider, the assurance and
 * proofing method the bank reads from it, the provider's {@code acr} and {@code amr} as sent, and
 * when the provider says the person authenticated. {@code acr} and {@code amr} are short codes
 * ({@code urn:…}, {@code pwd}, {@code hwk}); anything else, or anything holding a 12-digit number,
 * is refused ({@code ID-0304}) rather than stored.
 */
record ProofingEvidence(ProviderId provider, AssuranceLevel assurance, ProofingMethod proofing, Optional<String> acr,
                        Optional<String> amr, Optional<Instant> authenticatedAt) {

    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern AMR_VALUE = Pattern.compile("[\\x21-\\x7e]{1,32}");

    static ProofingEvidence of(ProviderSettings settings, VerifiedSignIn signIn) {
        signIn.acr().ifPresent(ProofingEvidence::checkCode);
        if (signIn.amr().size() > 8 || signIn.amr().stream().anyMatch(a -> !AMR_VALUE.matcher(a).matches())) {
            throw refused();
        }
        Optional<String> amr = signIn.amr().isEmpty() ? Optional.empty() : Optional.of(String.join(" ", signIn.amr()));
        amr.ifPresent(ProofingEvidence::checkCode);
        return new ProofingEvidence(settings.id(), AccountRule.assuranceFor(settings, signIn.acr()), settings.proofing(),
                signIn.acr(), amr, signIn.authenticatedAt());
    }

    private static void checkCode(String value) {
        if (!CODE.matcher(value).matches()) {
            throw refused();
        }
        try {
            MyNumberGuard.refuse(value);
        } catch (IllegalArgumentException twelveDigits) {
            throw refused();
        }
    }

    private static FederatedSignInException refused() {
        return new FederatedSignInException(IdentityError.ID_0304, "ID token refused");
    }
}
