package org.azukari.trustbank.keys.local;

import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

/**
 * One key-encryption key with all its versions, in plaintext, in memory only. It is written
 * to disk solely by {@link LocalKeyDirectory}, sealed under the master key.
 */
final class LocalKeyFile {

    static final int KEY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TreeMap<Integer, byte[]> versions;
    private final int minimumDecryptionVersion;

    LocalKeyFile(Map<Integer, byte[]> versions, int minimumDecryptionVersion) {
        if (versions.isEmpty() || minimumDecryptionVersion < 1) {
            throw LocalKeyVault.unreadable();
        }
        this.versions = new TreeMap<>(versions);
        this.minimumDecryptionVersion = minimumDecryptionVersion;
    }

    static LocalKeyFile fresh() {
        return new LocalKeyFile(Map.of(1, randomKey()), 1);
    }

    int latestVersion() {
        return versions.lastKey();
    }

    int minimumDecryptionVersion() {
        return minimumDecryptionVersion;
    }

    boolean canDecryptWith(int version) {
        return version >= minimumDecryptionVersion && versions.containsKey(version);
    }

    byte[] version(int version) {
        byte[] key = versions.get(version);
        if (key == null) {
            throw LocalKeyVault.unreadable();
        }
        return key;
    }

    Map<Integer, byte[]> versions() {
        return versions;
    }

    LocalKeyFile withNewVersion() {
        TreeMap<Integer, byte[]> next = new TreeMap<>(versions);
        next.put(latestVersion() + 1, randomKey());
        return new LocalKeyFile(next, minimumDecryptionVersion);
    }

    /** Like Vault transit's min_decryption_version, and the retired versions are dropped for good. */
    LocalKeyFile retiringBelow(int minimumVersion) {
        int minimum = Math.min(Math.max(minimumVersion, minimumDecryptionVersion), latestVersion());
        TreeMap<Integer, byte[]> kept = new TreeMap<>(versions.tailMap(minimum, true));
        return new LocalKeyFile(kept, minimum);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[KEY_LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }
}
