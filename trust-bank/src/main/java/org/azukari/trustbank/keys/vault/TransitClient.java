package org.azukari.trustbank.keys.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.util.Map;
import org.azukari.trustbank.keys.KeyId;

/**
 * Raw calls on vault paths through the session. Returns every answer the vault gave as a
 * {@link TransitReply} (the caller decides what a status means for its operation) and turns
 * only "no answer at all" into {@code KeyVaultUnavailableException}.
 *
 * <p>No retries, so a failure is never hidden: the one exception is a refusal caused by an
 * expired AppRole token, which is followed by one login and one more attempt.
 */
final class TransitClient {

    @FunctionalInterface
    private interface Call {
        LogicalResponse on(Vault vault) throws VaultException;
    }

    private final VaultSession session;

    TransitClient(VaultSession session) {
        this.session = session;
    }

    TransitReply read(Operation operation, KeyId key, String path) {
        return call(operation, key, vault -> vault.logical().read(path));
    }

    TransitReply write(Operation operation, KeyId key, String path, Map<String, Object> body) {
        return call(operation, key, vault -> vault.logical().write(path, body));
    }

    TransitReply delete(Operation operation, KeyId key, String path) {
        return call(operation, key, vault -> vault.logical().delete(path));
    }

    int logins() {
        return session.logins();
    }

    private TransitReply call(Operation operation, KeyId key, Call call) {
        VaultSession.Login login = session.current();
        TransitReply reply = attempt(operation, key, call, login);
        if ((reply.status() == 401 || reply.status() == 403) && session.tokenInvalid(login)) {
            reply = attempt(operation, key, call, session.replace(login));
        }
        return reply;
    }

    private static TransitReply attempt(Operation operation, KeyId key, Call call, VaultSession.Login login) {
        try {
            return TransitReply.of(call.on(login.vault()));
        } catch (VaultException e) {
            // The driver throws for 5xx (and for any non-204 delete) with the status set, and
            // for network failures with status 0.
            if (e.getHttpStatusCode() > 0) {
                return TransitReply.ofStatus(e.getHttpStatusCode());
            }
            throw VaultErrors.unreachable(operation, key, e);
        }
    }
}
