package org.azukari.trustbank.keys.vault;

import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.WrappedKey;

/**
 * Residents' key-encryption keys as {@code aes256-gcm96} keys of a Vault/OpenBao transit
 * engine. A data key is wrapped by {@code transit/encrypt/<key>} with the {@link KeyContext}
 * bytes as AES-GCM associated data, and the wrapped form is transit's own
 * {@code vault:v<version>:<base64>} text.
 *
 * <p>Keys are created non-exportable, without plaintext backup, and with deletion disabled
 * until {@link #destroy}. A failed call is never retried here (the trust bank fails closed
 * instead); whether a failure means "key gone" is decided by reading the key, never by
 * parsing the vault's error text.
 *
 * <p>Deployment expectation: the policy grants {@code update} but not {@code create} on
 * {@code transit/encrypt/rk-*} (as infra/openbao/azukari-bank.hcl does), or the mount has
 * {@code transit/config/keys disable_upsert=true}; otherwise transit's upsert would let a wrap
 * under a destroyed key silently create a fresh key of the same name.
 */
public final class VaultTransitKeyVault implements KeyVault {

    static final String KEY_TYPE = "aes256-gcm96";

    private final String mount;
    private final TransitClient client;

    public VaultTransitKeyVault(VaultKeyVaultSettings settings) {
        this(settings, Clock.systemUTC());
    }

    VaultTransitKeyVault(VaultKeyVaultSettings settings, Clock clock) {
        this.mount = settings.transitMount();
        this.client = new TransitClient(new VaultSession(settings, clock));
    }

    @Override
    public void createKey(KeyId key) {
        // exportable and allow_plaintext_backup are left at transit's default (false) rather
        // than sent: the bank's policy denies both parameters outright, whatever their value,
        // so no bank token can ever make a key leave the vault. The answer is checked instead,
        // which also catches an existing key (transit answers success without changing it).
        TransitReply reply = client.write(Operation.CREATE, key, keyPath(key), Map.of("type", KEY_TYPE));
        if (!reply.ok()) {
            throw VaultErrors.forStatus(Operation.CREATE, reply.status(), key, false);
        }
        TransitReply created = reply.data() != null ? reply : read(Operation.CREATE, key);
        if (!KEY_TYPE.equals(created.string("type")) || !Boolean.FALSE.equals(created.bool("exportable"))
                || !Boolean.FALSE.equals(created.bool("allow_plaintext_backup"))) {
            throw new BadStateException(TrustBankError.TB_0107, "key " + key + " exists with unsafe settings");
        }
    }

    @Override
    public WrappedKey wrap(KeyId key, DataKey dataKey, KeyContext context) {
        byte[] keyBytes = dataKey.keyBytes();
        try {
            TransitReply reply = client.write(Operation.WRAP, key, mount + "/encrypt/" + key.value(),
                    Map.of("plaintext", Base64.getEncoder().encodeToString(keyBytes),
                            "associated_data", Base64.getEncoder().encodeToString(context.bytes())));
            if (!reply.ok()) {
                throw failure(Operation.WRAP, key, reply);
            }
            return wrappedKey(reply.string("ciphertext"), key);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    @Override
    public DataKey unwrap(KeyId key, WrappedKey wrapped, KeyContext context) {
        TransitReply reply = client.write(Operation.UNWRAP, key, mount + "/decrypt/" + key.value(),
                Map.of("ciphertext", wrapped.text(),
                        "associated_data", Base64.getEncoder().encodeToString(context.bytes())));
        if (!reply.ok()) {
            throw failure(Operation.UNWRAP, key, reply);
        }
        String plaintext = reply.string("plaintext");
        if (plaintext == null) {
            throw VaultErrors.malformedAnswer(Operation.UNWRAP, key);
        }
        byte[] keyBytes = null;
        try {
            keyBytes = Base64.getDecoder().decode(plaintext);
            return DataKey.fromBytes(keyBytes); // not 32 bytes: authentic, but not one of our data keys
        } catch (IllegalArgumentException e) {
            throw VaultErrors.unreadable();
        } finally {
            if (keyBytes != null) {
                Arrays.fill(keyBytes, (byte) 0);
            }
        }
    }

    @Override
    public void rotate(KeyId key) {
        TransitReply reply = client.write(Operation.ROTATE, key, keyPath(key) + "/rotate", Map.of());
        if (!reply.ok()) {
            throw failure(Operation.ROTATE, key, reply);
        }
    }

    /**
     * Decrypt and encrypt again, in the bank. Transit's own {@code rewrap} endpoint takes no
     * {@code associated_data} (OpenBao 2.7.2: it decrypts with none, and ignores the field), so
     * it cannot open a data key wrapped with a context. The plaintext data key is in this
     * process for the duration of the call, as on every unwrap.
     */
    @Override
    public WrappedKey rewrap(KeyId key, WrappedKey wrapped, KeyContext context) {
        return wrap(key, unwrap(key, wrapped, context), context);
    }

    /**
     * Raises {@code min_decryption_version}; never lowers it, since lowering would make retired
     * versions usable again. Old versions are not trimmed: retirement stays reversible by an
     * operator in case a data key was missed by the rewrap after a rotation, and erasure
     * ({@link #destroy}) is what removes key material for good.
     */
    @Override
    public void retireVersionsBelow(KeyId key, int minimumVersion) {
        if (minimumVersion < 1) {
            throw new BadInputException(TrustBankError.TB_0406, "minimum key version must be positive");
        }
        TransitReply current = read(Operation.RETIRE, key);
        if (minimumVersion > current.integer("latest_version", 0)) {
            throw new BadInputException(TrustBankError.TB_0406, "cannot retire the latest version of key " + key);
        }
        if (minimumVersion <= current.integer("min_decryption_version", 1)) {
            return;
        }
        TransitReply reply = client.write(Operation.RETIRE, key, keyPath(key) + "/config",
                Map.of("min_decryption_version", minimumVersion));
        if (!reply.ok()) {
            throw failure(Operation.RETIRE, key, reply);
        }
    }

    @Override
    public void destroy(KeyId key) {
        TransitReply allow = client.write(Operation.DESTROY, key, keyPath(key) + "/config", Map.of("deletion_allowed", true));
        if (!allow.ok()) {
            if (!keyPresent(key)) {
                return; // already gone: destroying twice succeeds
            }
            throw VaultErrors.forStatus(Operation.DESTROY, allow.status(), key, false);
        }
        TransitReply deleted = client.delete(Operation.DESTROY, key, keyPath(key));
        if (!deleted.ok() && keyPresent(key)) {
            throw VaultErrors.forStatus(Operation.DESTROY, deleted.status(), key, false);
        }
    }

    @Override
    public boolean exists(KeyId key) {
        return keyPresent(key);
    }

    /** Package-private for tests: how many AppRole logins this instance has made. */
    int logins() {
        return client.logins();
    }

    /** Package-private for tests: the raw client, to prove what the policy refuses. */
    TransitClient client() {
        return client;
    }

    private TransitReply read(Operation operation, KeyId key) {
        TransitReply reply = client.read(operation, key, keyPath(key));
        if (!reply.ok()) {
            throw VaultErrors.forStatus(operation, reply.status(), key, reply.keyNotFound());
        }
        return reply;
    }

    private boolean keyPresent(KeyId key) {
        TransitReply reply = client.read(Operation.READ, key, keyPath(key));
        if (reply.ok()) {
            return true;
        }
        if (reply.keyNotFound()) {
            return false;
        }
        throw VaultErrors.forStatus(Operation.READ, reply.status(), key, false);
    }

    /**
     * A refused or failed call on a key. Transit answers 400 (or 403, when the policy grants
     * no {@code create} on encrypt) for a key that does not exist, so those are checked by
     * reading the key: gone means destroyed; otherwise the status decides.
     */
    private RuntimeException failure(Operation operation, KeyId key, TransitReply reply) {
        if ((reply.status() == 400 || reply.status() == 403 || reply.keyNotFound()) && !presentOrUnknown(key)) {
            return VaultErrors.destroyed(key);
        }
        return VaultErrors.forStatus(operation, reply.status(), key, false);
    }

    private boolean presentOrUnknown(KeyId key) {
        TransitReply reply = client.read(Operation.READ, key, keyPath(key));
        return !reply.keyNotFound();
    }

    private WrappedKey wrappedKey(String ciphertext, KeyId key) {
        try {
            return new WrappedKey(ciphertext);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw VaultErrors.malformedAnswer(Operation.WRAP, key);
        }
    }

    private String keyPath(KeyId key) {
        return mount + "/keys/" + key.value();
    }
}
