package org.azukari.trustbank.custody;

import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.ResidentErasedException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.ResidentNotEnrolledException;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.WrappedKey;
import org.azukari.trustbank.records.KeyringStart;
import org.azukari.trustbank.records.RecordStore;

/**
 * Starting a resident's custody, and where it stands. Erasure is final: a record arriving for an
 * erased resident starts nothing ({@link KeyringStart#FIRST_RECORD} is refused); only the
 * operator's new enrolment of the person ({@link KeyringStart#NEW_ENROLMENT}) starts a new custody.
 */
final class Enrolments {

    private final RecordStore store;
    private final KeyVault vault;

    Enrolments(RecordStore store, KeyVault vault) {
        this.store = store;
        this.vault = vault;
    }

    void start(ResidentId resident, KeyringStart how) {
        if (store.keyring(resident).isPresent()) {
            return;
        }
        if (how == KeyringStart.FIRST_RECORD && store.erasure(resident).isPresent()) {
            throw erased(resident);
        }
        KeyId kek = KeyId.random();
        vault.createKey(kek);
        RecordStore.KeyringCreation created = RecordStore.KeyringCreation.ALREADY_ENROLLED;
        try {
            WrappedKey wrapped = vault.wrap(kek, DataKey.generate(), new KeyContext(resident, 1));
            created = store.createKeyring(resident, kek, wrapped, how);
        } catch (ResidentKeyDestroyedException vanished) {
            // the key made a moment ago is gone: the key store lost it, no erasure did
            throw KeyVaultUnavailableException.keyMissing("new key-encryption key " + kek + " vanished from the key vault",
                    vanished);
        } finally {
            if (created != RecordStore.KeyringCreation.CREATED) {
                // lost a race with another enrolment or an erasure, or failed half-way: leave no orphan key behind
                vault.destroy(kek);
            }
        }
        if (created == RecordStore.KeyringCreation.REFUSED_ERASED) {
            throw erased(resident);
        }
    }

    Enrolment enrolment(ResidentId resident) {
        if (store.keyring(resident).isPresent()) {
            return Enrolment.ENROLLED;
        }
        return store.erasure(resident).isPresent() ? Enrolment.ERASED : Enrolment.NOT_ENROLLED;
    }

    /** For a resident with no keyring: erased (said as such), or never enrolled. */
    RuntimeException withoutKeyring(ResidentId resident) {
        return store.erasure(resident).isPresent() ? erased(resident)
                : new ResidentNotEnrolledException("resident " + resident + " has no keyring");
    }

    private static ResidentErasedException erased(ResidentId resident) {
        return new ResidentErasedException("resident " + resident + " erased their data; custody is not started again");
    }
}
