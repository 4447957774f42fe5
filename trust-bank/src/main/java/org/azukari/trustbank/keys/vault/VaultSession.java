package org.azukari.trustbank.keys.vault;

import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.AppRole;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's authenticated session with the vault: one shared HTTP client and the current
 * token. A fixed token is used as given. An AppRole logs in on first use (so the bank can
 * start while the vault is down), again when 80% of the token's TTL has passed, and again
 * when a call was refused and {@code auth/token/lookup-self} shows the token itself is no
 * longer valid. A refusal with a valid token is a policy denial and stays one: no login.
 * (The probe needs {@code read} on {@code auth/token/lookup-self}, which the bank policy
 * grants; without it every denial would cost one useless login.)
 */
final class VaultSession {

    /** A driver bound to one token, and when to replace that token before it expires. */
    record Login(Vault vault, Instant renewAfter) {
    }

    private static final Logger log = LoggerFactory.getLogger(VaultSession.class);

    private final VaultKeyVaultSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final AtomicInteger logins = new AtomicInteger();
    private volatile Login current;

    VaultSession(VaultKeyVaultSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // One client for all calls: connection reuse, and the connect timeout lives here
        // (the driver ignores its own open timeout once a client is supplied). No redirects:
        // a vault that redirects is treated as unavailable rather than followed blindly.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.openTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (settings.auth() instanceof Token token) {
            this.current = new Login(driver(token.token()), Instant.MAX);
        }
    }

    /** The login to use now; logs in first if there is none yet or it is due for renewal. */
    Login current() {
        Login login = current;
        if (login != null && clock.instant().isBefore(login.renewAfter())) {
            return login;
        }
        return replace(login);
    }

    /**
     * Whether a refusal seen with {@code used} came from an invalid (expired, revoked) token
     * rather than from policy. Only an AppRole session can do anything about it.
     */
    boolean tokenInvalid(Login used) {
        if (!(settings.auth() instanceof AppRole)) {
            return false;
        }
        if (used != current) {
            return true; // another caller has already logged in again
        }
        try {
            used.vault().auth().lookupSelf();
            return false;
        } catch (VaultException e) {
            int status = e.getHttpStatusCode();
            if (status == 401 || status == 403) {
                return true;
            }
            if (status <= 0) {
                throw VaultErrors.unreachable(Operation.LOGIN, null, e);
            }
            throw VaultErrors.forStatus(Operation.LOGIN, status, null, false);
        }
    }

    /** Logs in again unless another caller already replaced {@code stale}. */
    synchronized Login replace(Login stale) {
        if (current != stale) {
            return current;
        }
        current = logIn((AppRole) settings.auth());
        return current;
    }

    int logins() {
        return logins.get();
    }

    private Login logIn(AppRole role) {
        try {
            AuthResponse response = driver(null).auth().loginByAppRole(role.mount(), role.roleId(), role.secretId());
            String token = response.getAuthClientToken();
            if (token == null || token.isBlank()) {
                throw VaultErrors.malformedAnswer(Operation.LOGIN, null);
            }
            int number = logins.incrementAndGet();
            log.info("Logged in to the key vault with AppRole (login {}, token TTL {} s)", number, response.getAuthLeaseDuration());
            return new Login(driver(token), renewalTime(response.getAuthLeaseDuration()));
        } catch (VaultException e) {
            int status = e.getHttpStatusCode();
            if (status <= 0) {
                throw VaultErrors.unreachable(Operation.LOGIN, null, e);
            }
            // AppRole answers 400 for an unknown role or secret id: that is a refusal too.
            throw status == 400 ? VaultErrors.denied(Operation.LOGIN, null)
                    : VaultErrors.forStatus(Operation.LOGIN, status, null, false);
        }
    }

    private Instant renewalTime(long leaseSeconds) {
        if (leaseSeconds <= 0) {
            return Instant.MAX; // a token without TTL (e.g. root-like); renewed only on refusal
        }
        return clock.instant().plus(Duration.ofSeconds(leaseSeconds).multipliedBy(8).dividedBy(10));
    }

    private Vault driver(String token) {
        try {
            VaultConfig config = new VaultConfig()
                    .environmentLoader(new NoEnvironment())
                    .address(settings.baseUrl())
                    .openTimeout((int) Math.max(1, settings.openTimeout().toSeconds()))
                    .readTimeout(settings.readTimeoutSeconds())
                    .httpClient(http);
            if (token != null) {
                config.token(token);
            }
            // Engine version 1: the driver must not rewrite transit paths the KV-v2 way.
            return Vault.create(config.build(), 1);
        } catch (VaultException e) {
            throw new BadStateException(TrustBankError.TB_0106, "vault driver configuration refused", null);
        }
    }

    /** Settings come only from {@link VaultKeyVaultSettings}, never from VAULT_* variables. */
    private static final class NoEnvironment extends EnvironmentLoader {
        @Override
        public String loadVariable(String name) {
            return null;
        }
    }
}
