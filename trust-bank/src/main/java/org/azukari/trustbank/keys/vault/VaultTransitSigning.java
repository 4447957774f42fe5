package org.azukari.trustbank.keys.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.TrustBankError;

/**
 * Signing and verifying with one asymmetric transit key, for the access-log checkpoint signer
 * ({@code org.azukari.trustbank.signing}). It lives here because only this package may import
 * the Vault driver (ModuleBoundariesTest), and because it shares this package's session (AppRole
 * login, renewal, one re-login on an expired token) and its error translation. The caller
 * decides key type, hash and signature format; this class only moves the calls and translates
 * the answers: unreachable, sealed or failing → {@link KeyVaultUnavailableException}, refused by
 * policy → {@link KeyVaultDeniedException}. Error messages name the operation and the key name,
 * never an input, a signature or the vault's error text.
 */
public final class VaultTransitSigning {

    /** What transit says about the key: enough to refuse a key that could leave the vault. */
    public record KeySettings(String type, boolean exportable, boolean allowPlaintextBackup, boolean deletionAllowed) {
    }

    private static final Pattern KEY_NAME = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

    @FunctionalInterface
    private interface Call {
        LogicalResponse on(Vault vault) throws VaultException;
    }

    private final VaultSession session;
    private final String key;
    private final String keyPath;
    private final String signPath;
    private final String verifyPath;

    public VaultTransitSigning(VaultKeyVaultSettings settings, String key) {
        if (key == null || !KEY_NAME.matcher(key).matches()) {
            throw new BadInputException(TrustBankError.TB_0601, "signing key name must be lower-case letters, digits, '-' or '_'");
        }
        this.session = new VaultSession(settings, Clock.systemUTC());
        this.key = key;
        this.keyPath = settings.transitMount() + "/keys/" + key;
        this.signPath = settings.transitMount() + "/sign/" + key;
        this.verifyPath = settings.transitMount() + "/verify/" + key;
    }

    /**
     * The key's settings, after creating it with {@code type} if it does not exist. Nothing but
     * the type is sent: non-exportable, no plaintext backup and no deletion are transit's
     * defaults, and the policy allows no other parameter. Two banks starting at once may race
     * to create it; the loser's create is refused (an update of an existing key), so the key is
     * read again before a failure counts.
     */
    public KeySettings readOrCreateKey(String type) {
        TransitReply read = call("read key", vault -> vault.logical().read(keyPath));
        if (read.keyNotFound()) {
            TransitReply created = call("create key", vault -> vault.logical().write(keyPath, Map.of("type", type)));
            read = call("read key", vault -> vault.logical().read(keyPath));
            if (!created.ok() && !read.ok()) {
                throw failure("create key", created);
            }
        }
        if (!read.ok()) {
            throw failure("read key", read);
        }
        Boolean exportable = read.bool("exportable");
        Boolean backup = read.bool("allow_plaintext_backup");
        Boolean deletable = read.bool("deletion_allowed");
        if (read.string("type") == null || exportable == null || backup == null || deletable == null) {
            throw malformed("read key");
        }
        return new KeySettings(read.string("type"), exportable, backup, deletable);
    }

    /**
     * The public key of every version transit keeps of an asymmetric key, as transit gives it
     * (PEM of an X.509 SubjectPublicKeyInfo), by version number.
     */
    public java.util.SortedMap<Integer, String> publicKeys() {
        TransitReply read = call("read key", vault -> vault.logical().read(keyPath));
        if (!read.ok()) {
            throw failure("read key", read);
        }
        io.github.jopenlibs.vault.json.JsonObject versions = read.object("keys");
        if (versions == null) {
            throw malformed("read key");
        }
        java.util.SortedMap<Integer, String> keys = new java.util.TreeMap<>();
        for (io.github.jopenlibs.vault.json.JsonObject.Member version : versions) {
            io.github.jopenlibs.vault.json.JsonValue publicKey = version.getValue().isObject()
                    ? version.getValue().asObject().get("public_key") : null;
            if (publicKey == null || !publicKey.isString() || !version.getName().matches("[1-9][0-9]{0,8}")) {
                throw malformed("read key");
            }
            keys.put(Integer.parseInt(version.getName()), publicKey.asString());
        }
        return keys;
    }

    /** Transit's signature text ({@code vault:v<version>:...}) over {@code input}, or null if the answer had none. */
    public String sign(byte[] input, String hashAlgorithm) {
        Map<String, Object> body = Map.of("input", Base64.getEncoder().encodeToString(input),
                "hash_algorithm", hashAlgorithm);
        TransitReply reply = call("sign", vault -> vault.logical().write(signPath, body));
        if (!reply.ok()) {
            throw failure("sign", reply);
        }
        return reply.string("signature");
    }

    /**
     * Whether transit accepts {@code signature} over {@code input}. Transit answers 400 for a
     * signature it cannot parse or a key version it does not have: that is a false, not an error.
     */
    public boolean verify(byte[] input, String signature, String hashAlgorithm) {
        Map<String, Object> body = Map.of("input", Base64.getEncoder().encodeToString(input),
                "signature", signature, "hash_algorithm", hashAlgorithm);
        TransitReply reply = call("verify", vault -> vault.logical().write(verifyPath, body));
        if (reply.status() == 400) {
            return false;
        }
        if (!reply.ok()) {
            throw failure("verify", reply);
        }
        Boolean valid = reply.bool("valid");
        if (valid == null) {
            throw malformed("verify");
        }
        return valid;
    }

    private TransitReply call(String operation, Call call) {
        VaultSession.Login login = session.current();
        TransitReply reply = attempt(operation, call, login);
        if ((reply.status() == 401 || reply.status() == 403) && session.tokenInvalid(login)) {
            reply = attempt(operation, call, session.replace(login));
        }
        return reply;
    }

    private TransitReply attempt(String operation, Call call, VaultSession.Login login) {
        try {
            return TransitReply.of(call.on(login.vault()));
        } catch (VaultException e) {
            if (e.getHttpStatusCode() > 0) {
                return TransitReply.ofStatus(e.getHttpStatusCode());
            }
            // The driver's exception carries the response body in its message: never chained.
            throw new KeyVaultUnavailableException("key vault unreachable (" + operation + ", signing key " + key + ")",
                    VaultErrors.networkCause(e));
        }
    }

    private RuntimeException failure(String operation, TransitReply reply) {
        int status = reply.status();
        String where = " (" + operation + ", signing key " + key + ", status " + status + ")";
        if (status == 401 || status == 403) {
            return new KeyVaultDeniedException("key vault denied" + where);
        }
        if (status == 404) {
            return new KeyVaultUnavailableException("key vault has no such key or route" + where
                    + "; is the transit engine mounted?");
        }
        if (VaultErrors.isUnavailable(status)) {
            return new KeyVaultUnavailableException("key vault unavailable" + where);
        }
        return new BadStateException(TrustBankError.TB_0104, "key vault refused the request" + where);
    }

    private IllegalStateException malformed(String operation) {
        return new BadStateException(TrustBankError.TB_0105, "key vault answer malformed (" + operation + ", signing key " + key + ")");
    }

    @Override
    public String toString() {
        return "VaultTransitSigning[key=" + key + "]";
    }
}
