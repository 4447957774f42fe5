package org.azukari.identity.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.PendingAuthorization;
import org.azukari.identity.api.ProviderId;
import org.junit.jupiter.api.Test;

/**
 * The provider's answer is checked before any call to it: the {@code state} first, then an error
 * answer; a sign-in started too long ago, or for a provider not configured, is refused. The
 * provider's address is one nothing answers on, so any network call would fail the test as
 * "unavailable" instead of the refusal asserted.
 */
class CallbackCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");
    private static final PendingAuthorization PENDING = new PendingAuthorization(new ProviderId("card"), "state-sent",
            "nonce-sent", "verifier-sent-verifier-sent-verifier-sent-43", NOW.minusSeconds(30));

    private final OidcClient client = new OidcClient(ProviderSettings.of("card",
            Providers.properties("http://127.0.0.1:9/realms/nothing-listens")), Clock.fixed(NOW, ZoneOffset.UTC));

    private static void assertRefused(Runnable call, String code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(FederatedSignInException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void callback_withAnotherState_isRefusedBeforeTheCodeIsUsed() {
        assertRefused(() -> client.complete(PENDING, URI.create("https://bank.example.jp/cb?code=c&state=forged")), "ID-0301");
    }

    @Test
    void callback_withoutAState_isRefused() {
        assertRefused(() -> client.complete(PENDING, URI.create("https://bank.example.jp/cb?code=c")), "ID-0301");
    }

    @Test
    void callback_withTheProvidersError_isRefusedAsNotSignedIn() {
        assertRefused(() -> client.complete(PENDING,
                URI.create("https://bank.example.jp/cb?error=access_denied&state=state-sent")), "ID-0302");
    }

    @Test
    void complete_ofASignInStartedMoreThanTenMinutesAgo_isRefused() {
        DefaultFederatedSignIn signIn = new DefaultFederatedSignIn(Map.of(new ProviderId("card"), client), null,
                new Tickets(Clock.fixed(NOW, ZoneOffset.UTC)), null, Clock.fixed(NOW, ZoneOffset.UTC));
        PendingAuthorization old = new PendingAuthorization(PENDING.provider(), PENDING.state(), PENDING.nonce(),
                PENDING.codeVerifier(), NOW.minus(DefaultFederatedSignIn.MAX_PENDING).minusSeconds(1));

        assertRefused(() -> signIn.complete(old, URI.create("https://bank.example.jp/cb?code=c&state=state-sent")),
                "ID-0301");
    }

    @Test
    void begin_forAProviderNotConfigured_isRefused() {
        DefaultFederatedSignIn signIn = new DefaultFederatedSignIn(Map.of(new ProviderId("card"), client), null,
                new Tickets(Clock.fixed(NOW, ZoneOffset.UTC)), null, Clock.fixed(NOW, ZoneOffset.UTC));

        assertRefused(() -> signIn.begin(new ProviderId("elsewhere")), "ID-0300");
    }

    @Test
    void pendingAuthorization_showsNoSecretOfTheFlow() {
        assertThat(PENDING.toString()).doesNotContain("state-sent").doesNotContain("nonce-sent")
                .doesNotContain("verifier-sent");
    }
}
