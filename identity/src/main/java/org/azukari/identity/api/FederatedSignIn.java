package org.azukari.identity.api;

import java.net.URI;
import java.util.List;

/**
 * Sign-up and sign-in through an OpenID Connect provider (authorization code flow with PKCE,
 * {@code state} and {@code nonce}). The first sign-in creates the account by the city's rule; later
 * sign-ins through the same provider come back to it. The provider's subject is kept only as a
 * keyed hash; the My Number is never asked for and nothing derived from it is stored.
 */
public interface FederatedSignIn {

    /** The configured providers, for the sign-in page. */
    List<SignInProvider> providers();

    /**
     * A fresh authorization request for {@code provider}.
     *
     * @throws FederatedSignInException {@code ID-0300} for a provider not configured
     * @throws FederatedProviderUnavailableException when its discovery document cannot be read
     */
    AuthorizationStart begin(ProviderId provider);

    /**
     * Checks the provider's answer ({@code callback}, the full URI it redirected the person to)
     * against {@code pending}, exchanges the code, verifies the ID token, then finds or creates the
     * account and records the evidence, all or nothing.
     *
     * @return the ticket to sign the person in with (Shiro, once)
     * @throws FederatedSignInException when refused (nothing created)
     * @throws FederatedProviderUnavailableException when the provider cannot be reached
     * @throws IdentityUnavailableException when the bank's own store cannot be written
     */
    FederatedSignInTicket complete(PendingAuthorization pending, URI callback);
}
