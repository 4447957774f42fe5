package org.azukari.trustbank.records;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;

/** A resident's key-encryption key id and their wrapped data keys, by generation. */
public record Keyring(ResidentId resident, KeyId kek, int currentGeneration, SortedMap<Integer, WrappedKey> dataKeys) {

    public Keyring {
        dataKeys = new TreeMap<>(dataKeys);
    }

    public WrappedKey current() {
        return dataKeys.get(currentGeneration);
    }

    public Map<Integer, WrappedKey> all() {
        return dataKeys;
    }
}
