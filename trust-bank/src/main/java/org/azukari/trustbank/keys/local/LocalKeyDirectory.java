package org.azukari.trustbank.keys.local;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.keys.KeyId;

/**
 * The directory of sealed key files, one per key-encryption key ({@code <key id>.kek}).
 *
 * <p>File layout, all sealed as one AES-256-GCM blob under the master key with the key id
 * as associated data (so a file renamed to another key id does not open):
 * {@code int minimumDecryptionVersion, int count, count × (int version, 32 key bytes)}.
 * Writes go to a temporary file and are moved into place atomically.
 *
 * <p>The directory is made only by {@link #createEmpty()}, which the start-up check calls for a
 * bank that holds no keyring yet ({@link LocalKeyStoreCheck}). Once running, a directory that is
 * missing, unreadable or unwritable is a fault of the key store ({@code KeyVaultUnavailableException},
 * 503 at the edges), never an empty store to start over in and never a destroyed key: a key file
 * that is absent from a directory that is there reads as "no such key", which the bank checks
 * against the erasure record before calling it destroyed.
 */
public final class LocalKeyDirectory {

    private static final int MAX_VERSIONS = 10_000;

    private final Path directory;
    private final LocalMasterKey masterKey;

    public LocalKeyDirectory(Path directory, LocalMasterKey masterKey) {
        this.directory = directory;
        this.masterKey = masterKey;
    }

    /** Where the key files are. */
    public Path path() {
        return directory;
    }

    public boolean present() {
        return Files.isDirectory(directory);
    }

    /** Makes the (empty) directory, for a bank that holds no keyring yet. */
    public void createEmpty() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("TB-0410 cannot create key directory " + directory, e);
        }
    }

    /**
     * Whether {@code directory} holds at least one key file: then its master key must exist
     * already, and a missing one is never replaced by a new one.
     */
    public static boolean holdsKeyFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".kek"));
        } catch (IOException e) {
            throw new KeyVaultUnavailableException("local key directory " + directory + " unusable (list)", e);
        }
    }

    synchronized void create(KeyId key) {
        Path target = fileOf(key);
        if (Files.exists(target)) {
            return;
        }
        write(key, LocalKeyFile.fresh(), false);
    }

    LocalKeyFile load(KeyId key) {
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(fileOf(key));
        } catch (NoSuchFileException e) {
            if (!present()) {
                throw unusable("read key file of " + key, e);
            }
            throw LocalKeyVault.destroyed(key);
        } catch (IOException e) {
            throw unusable("read key file of " + key, e);
        }
        return decode(Aes.open(masterKey.bytes(), sealed, associatedData(key)));
    }

    synchronized void update(KeyId key, UnaryOperator<LocalKeyFile> change) {
        write(key, change.apply(load(key)), true);
    }

    synchronized void destroy(KeyId key) {
        if (!present()) {
            // the key may be on a directory that is not there just now: it is not destroyed
            throw unusable("destroy key file of " + key, null);
        }
        Path target = fileOf(key);
        try {
            if (Files.exists(target)) {
                // Overwrite before unlinking, so the sealed key does not linger in free blocks
                // on file systems that write in place; copy-on-write storage needs the backup window.
                Files.write(target, new byte[(int) Files.size(target)]);
                Files.delete(target);
            }
        } catch (IOException e) {
            throw unusable("destroy key file of " + key, e);
        }
    }

    boolean exists(KeyId key) {
        if (!present()) {
            throw unusable("look up key file of " + key, null);
        }
        return Files.exists(fileOf(key));
    }

    private void write(KeyId key, LocalKeyFile file, boolean replace) {
        if (!present()) {
            // never made again here: an empty directory over existing data would hide the loss
            throw unusable("write key file of " + key, null);
        }
        byte[] sealed = Aes.seal(masterKey.bytes(), encode(file), associatedData(key));
        try {
            Path temporary = Files.createTempFile(directory, key.value(), ".tmp");
            Files.write(temporary, sealed);
            if (replace) {
                Files.move(temporary, fileOf(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, fileOf(key), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            // another writer created it first: keep theirs
        } catch (IOException e) {
            throw unusable("write key file of " + key, e);
        }
    }

    /** The I/O failure is chained for the operator's log; its message names a path, never key material. */
    private KeyVaultUnavailableException unusable(String what, IOException cause) {
        return new KeyVaultUnavailableException("local key directory " + directory
                + (present() ? " unusable" : " missing") + " (" + what + ")", cause);
    }

    private Path fileOf(KeyId key) {
        return directory.resolve(key.value() + ".kek");
    }

    private static byte[] associatedData(KeyId key) {
        return ("azukari-local-kek/v1|" + key.value()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(LocalKeyFile file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(file.minimumDecryptionVersion());
            out.writeInt(file.versions().size());
            for (Map.Entry<Integer, byte[]> version : file.versions().entrySet()) {
                out.writeInt(version.getKey());
                out.write(version.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static LocalKeyFile decode(byte[] plaintext) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plaintext))) {
            int minimum = in.readInt();
            int count = in.readInt();
            if (count < 1 || count > MAX_VERSIONS
                    || plaintext.length != 8 + count * (4 + LocalKeyFile.KEY_LENGTH)) {
                throw LocalKeyVault.unreadable();
            }
            TreeMap<Integer, byte[]> versions = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int version = in.readInt();
                byte[] key = new byte[LocalKeyFile.KEY_LENGTH];
                in.readFully(key);
                versions.put(version, key);
            }
            return new LocalKeyFile(versions, minimum);
        } catch (IOException e) {
            throw LocalKeyVault.unreadable();
        }
    }
}
