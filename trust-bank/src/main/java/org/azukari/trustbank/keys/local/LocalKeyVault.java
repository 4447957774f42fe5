package org.azukari.trustbank.keys.local;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.WrappedKey;

/**
 * The embedded default key vault for a single machine. Each resident's key-encryption key
 * is a versioned AES-256 key kept in its own file ({@link LocalKeyFile}) in a key directory
 * outside the database, sealed under a master key that is itself kept outside the database
 * (a file or the environment). Destroying a key deletes its file, so database copies and
 * backups of the database alone cannot be read again; backups of the key directory must
 * follow the same retention window (see docs/trust-bank.md).
 *
 * <p>Wrapped form: {@code local:v<kek version>:base64(nonce ‖ AES-GCM(data key))}, with
 * associated data binding key id, KEK version and the caller's {@link KeyContext}.
 */
public final class LocalKeyVault implements KeyVault {

    private static final String PREFIX = "local:v";

    private final LocalKeyDirectory directory;

    public LocalKeyVault(LocalKeyDirectory directory) {
        this.directory = directory;
    }

    /** The start-up check of this vault's key directory against the database. */
    public LocalKeyStoreCheck startupCheck() {
        return new LocalKeyStoreCheck(directory);
    }

    @Override
    public void createKey(KeyId key) {
        directory.create(key);
    }

    @Override
    public WrappedKey wrap(KeyId key, DataKey dataKey, KeyContext context) {
        LocalKeyFile file = directory.load(key);
        int version = file.latestVersion();
        byte[] sealed = Aes.seal(file.version(version), dataKey.keyBytes(), associatedData(key, version, context));
        return new WrappedKey(PREFIX + version + ":" + Base64.getEncoder().encodeToString(sealed));
    }

    @Override
    public DataKey unwrap(KeyId key, WrappedKey wrapped, KeyContext context) {
        LocalKeyFile file = directory.load(key);
        int version = wrapped.keyVersion();
        if (!wrapped.text().startsWith(PREFIX) || !file.canDecryptWith(version)) {
            throw unreadable();
        }
        byte[] sealed = Base64.getDecoder().decode(wrapped.text().substring(wrapped.text().lastIndexOf(':') + 1));
        byte[] keyBytes = Aes.open(file.version(version), sealed, associatedData(key, version, context));
        if (keyBytes.length != DataKey.LENGTH) {
            throw unreadable();
        }
        return DataKey.fromBytes(keyBytes);
    }

    @Override
    public void rotate(KeyId key) {
        directory.update(key, LocalKeyFile::withNewVersion);
    }

    @Override
    public WrappedKey rewrap(KeyId key, WrappedKey wrapped, KeyContext context) {
        return wrap(key, unwrap(key, wrapped, context), context);
    }

    @Override
    public void retireVersionsBelow(KeyId key, int minimumVersion) {
        directory.update(key, file -> file.retiringBelow(minimumVersion));
    }

    @Override
    public void destroy(KeyId key) {
        directory.destroy(key);
    }

    @Override
    public boolean exists(KeyId key) {
        return directory.exists(key);
    }

    private static byte[] associatedData(KeyId key, int version, KeyContext context) {
        byte[] head = ("azukari-local-dek/v1|" + key.value() + "|" + version + "|").getBytes(StandardCharsets.UTF_8);
        byte[] tail = context.bytes();
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    static UnreadableRecordException unreadable() {
        return new UnreadableRecordException("wrapped data key unreadable");
    }

    static ResidentKeyDestroyedException destroyed(KeyId key) {
        return new ResidentKeyDestroyedException("key-encryption key " + key + " does not exist");
    }
}
