package org.azukari.trustbank.records.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResidentNotEnrolledException;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.api.VersionConflictException;
import org.azukari.trustbank.envelope.RecordBinding;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.WrappedKey;
import org.azukari.trustbank.records.EncryptedRecord;
import org.azukari.trustbank.records.ErasedResident;
import org.azukari.trustbank.records.Keyring;
import org.azukari.trustbank.records.KeyringStart;
import org.azukari.trustbank.records.PendingRecord;
import org.azukari.trustbank.records.RecordStore;
import org.azukari.trustbank.records.SealRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record store over JDBC: PostgreSQL in production, H2 (PostgreSQL mode) embedded; the
 * same SQL runs on both. A resident's writes are serialised by locking their keyring row
 * ({@code SELECT ... FOR UPDATE}), which is also what an erasure locks.
 *
 * <p>It stays one class past ~250 lines because it is the one implementation of {@code RecordStore}
 * and its methods share one transaction and lock discipline that is easier to check in one place.
 */
public final class JdbcRecordStore implements RecordStore {

    private static final String CURRENT_VERSIONS_OF_ONE_RESIDENT = " FROM tb_record_version v JOIN tb_record_head h"
            + " ON h.resident_id = v.resident_id AND h.record_id = v.record_id AND h.current_version = v.version"
            + " WHERE v.resident_id = ? ORDER BY v.stored_at, v.record_id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcRecordStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * The erasure check and the insert are one statement, and an erasure writes its record before
     * it removes a keyring, so a first record racing an erasure cannot leave a keyring behind it.
     */
    @Override
    public KeyringCreation createKeyring(ResidentId resident, KeyId kek, WrappedKey firstDataKey, KeyringStart start) {
        try {
            return transactions.execute(status -> {
                String unlessErased = start == KeyringStart.FIRST_RECORD
                        ? " WHERE NOT EXISTS (SELECT 1 FROM tb_erasure WHERE resident_id = ?)" : "";
                Object[] arguments = start == KeyringStart.FIRST_RECORD
                        ? new Object[] {resident.value(), kek.value(), now(), resident.value()}
                        : new Object[] {resident.value(), kek.value(), now()};
                int inserted = jdbc.update("INSERT INTO tb_resident_keyring (resident_id, kek_id, current_dek_generation,"
                        + " enrolled_at) SELECT ?, ?, 1, ? FROM (VALUES (0)) AS one (x)" + unlessErased, arguments);
                if (inserted == 0) {
                    return KeyringCreation.REFUSED_ERASED;
                }
                jdbc.update("INSERT INTO tb_data_key (resident_id, generation, wrapped_key) VALUES (?, 1, ?)",
                        resident.value(), firstDataKey.text());
                return KeyringCreation.CREATED;
            });
        } catch (DuplicateKeyException alreadyEnrolled) {
            return KeyringCreation.ALREADY_ENROLLED;
        }
    }

    @Override
    public Optional<Keyring> keyring(ResidentId resident) {
        TreeMap<Integer, WrappedKey> keys = new TreeMap<>();
        String[] kek = new String[1];
        int[] current = new int[1];
        jdbc.query("SELECT k.kek_id, k.current_dek_generation, d.generation, d.wrapped_key"
                        + " FROM tb_resident_keyring k JOIN tb_data_key d ON d.resident_id = k.resident_id"
                        + " WHERE k.resident_id = ?",
                rs -> {
                    kek[0] = rs.getString(1);
                    current[0] = rs.getInt(2);
                    keys.put(rs.getInt(3), new WrappedKey(rs.getString(4)));
                }, resident.value());
        return kek[0] == null ? Optional.empty() : Optional.of(new Keyring(resident, new KeyId(kek[0]), current[0], keys));
    }

    @Override
    public void replaceWrappedKeys(ResidentId resident, Map<Integer, WrappedKey> rewrapped) {
        transactions.executeWithoutResult(status -> {
            lockKeyring(resident);
            rewrapped.forEach((generation, wrapped) -> {
                int updated = jdbc.update("UPDATE tb_data_key SET wrapped_key = ? WHERE resident_id = ? AND generation = ?",
                        wrapped.text(), resident.value(), generation);
                if (updated != 1) {
                    throw new BadStateException(TrustBankError.TB_0420, "data key generation " + generation + " missing for " + resident);
                }
            });
        });
    }

    @Override
    public List<StoredRecord> append(ResidentId resident, List<PendingRecord> records,
                                     Function<SealRequest, byte[]> seal) {
        return transactions.execute(status -> {
            lockKeyring(resident);
            Instant storedAt = now().toInstant();
            List<StoredRecord> stored = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                PendingRecord pending = records.get(i);
                RecordVersion version = nextVersion(resident, pending);
                byte[] envelope = seal.apply(new SealRequest(i,
                        new RecordBinding(resident, pending.id(), version, pending.type())));
                jdbc.update("INSERT INTO tb_record_version (resident_id, record_id, version, resource_type, data_category,"
                                + " envelope, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        resident.value(), pending.id().value(), version.value(), pending.type().value(),
                        pending.category().name(), envelope, Timestamp.from(storedAt));
                stored.add(new StoredRecord(resident, pending.id(), version, pending.type(), pending.category(), storedAt));
            }
            return stored;
        });
    }

    /** Under the keyring lock, so no two writers of this resident compute the same version. */
    private RecordVersion nextVersion(ResidentId resident, PendingRecord pending) {
        List<Integer> current = jdbc.queryForList(
                "SELECT current_version FROM tb_record_head WHERE resident_id = ? AND record_id = ?",
                Integer.class, resident.value(), pending.id().value());
        if (pending.expected().isPresent()) {
            int expected = pending.expected().get().value();
            if (current.isEmpty() || current.get(0) != expected) {
                throw new VersionConflictException("record " + pending.id() + " is not at version " + expected);
            }
        }
        if (current.isEmpty()) {
            jdbc.update("INSERT INTO tb_record_head (resident_id, record_id, current_version) VALUES (?, ?, 1)",
                    resident.value(), pending.id().value());
            return RecordVersion.FIRST;
        }
        RecordVersion next = new RecordVersion(current.get(0)).next();
        jdbc.update("UPDATE tb_record_head SET current_version = ? WHERE resident_id = ? AND record_id = ?",
                next.value(), resident.value(), pending.id().value());
        return next;
    }

    @Override
    public Optional<EncryptedRecord> find(ResidentId resident, RecordId record, Optional<RecordVersion> version) {
        String sql = "SELECT v.record_id, v.version, v.resource_type, v.data_category, v.stored_at, v.envelope"
                + " FROM tb_record_version v";
        List<EncryptedRecord> found = version.isPresent()
                ? jdbc.query(sql + " WHERE v.resident_id = ? AND v.record_id = ? AND v.version = ?",
                        (rs, row) -> encrypted(resident, rs), resident.value(), record.value(), version.get().value())
                : jdbc.query(sql + " JOIN tb_record_head h ON h.resident_id = v.resident_id"
                        + " AND h.record_id = v.record_id AND h.current_version = v.version"
                        + " WHERE v.resident_id = ? AND v.record_id = ?",
                        (rs, row) -> encrypted(resident, rs), resident.value(), record.value());
        return found.stream().findFirst();
    }

    @Override
    public List<StoredRecord> listCurrent(ResidentId resident) {
        return jdbc.query("SELECT v.record_id, v.version, v.resource_type, v.data_category, v.stored_at"
                + CURRENT_VERSIONS_OF_ONE_RESIDENT, (rs, row) -> metadata(resident, rs), resident.value());
    }

    @Override
    public List<EncryptedRecord> findAllCurrent(ResidentId resident) {
        return jdbc.query("SELECT v.record_id, v.version, v.resource_type, v.data_category, v.stored_at, v.envelope"
                + CURRENT_VERSIONS_OF_ONE_RESIDENT, (rs, row) -> encrypted(resident, rs), resident.value());
    }

    @Override
    public int deleteResident(ResidentId resident) {
        return transactions.execute(status -> {
            jdbc.query("SELECT resident_id FROM tb_resident_keyring WHERE resident_id = ? FOR UPDATE",
                    rs -> { }, resident.value());
            int versions = jdbc.update("DELETE FROM tb_record_version WHERE resident_id = ?", resident.value());
            jdbc.update("DELETE FROM tb_record_head WHERE resident_id = ?", resident.value());
            jdbc.update("DELETE FROM tb_data_key WHERE resident_id = ?", resident.value());
            jdbc.update("DELETE FROM tb_resident_keyring WHERE resident_id = ?", resident.value());
            return versions;
        });
    }

    @Override
    public void rememberErasure(ErasedResident erasure) {
        String kek = erasure.kek().map(KeyId::value).orElse(null);
        Timestamp at = Timestamp.from(erasure.erasedAt());
        // a later erasure (after a new enrolment) replaces an earlier one; re-applying the
        // ledger after a restore never moves it back
        int updated = jdbc.update("UPDATE tb_erasure SET kek_id = ?, erased_at = ? WHERE resident_id = ? AND erased_at < ?",
                kek, at, erasure.resident().value(), at);
        if (updated > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO tb_erasure (resident_id, kek_id, erased_at) SELECT ?, ?, ? FROM (VALUES (0)) AS one (x)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM tb_erasure WHERE resident_id = ?)",
                    erasure.resident().value(), kek, at, erasure.resident().value());
        } catch (DuplicateKeyException rememberedMeanwhile) {
            // another node remembered it first
        }
    }

    @Override
    public Optional<ErasedResident> erasure(ResidentId resident) {
        return jdbc.query("SELECT kek_id, erased_at FROM tb_erasure WHERE resident_id = ?",
                (rs, row) -> new ErasedResident(resident, Optional.ofNullable(rs.getString(1)).map(KeyId::new),
                        rs.getTimestamp(2).toInstant()), resident.value()).stream().findFirst();
    }

    @Override
    public List<KeyId> keyringKeys() {
        return jdbc.queryForList("SELECT kek_id FROM tb_resident_keyring", String.class).stream().map(KeyId::new).toList();
    }

    private void lockKeyring(ResidentId resident) {
        List<Integer> locked = jdbc.queryForList(
                "SELECT current_dek_generation FROM tb_resident_keyring WHERE resident_id = ? FOR UPDATE",
                Integer.class, resident.value());
        if (locked.isEmpty()) {
            throw new ResidentNotEnrolledException("resident " + resident + " has no keyring");
        }
    }

    private static EncryptedRecord encrypted(ResidentId resident, ResultSet rs) throws SQLException {
        return new EncryptedRecord(metadata(resident, rs), rs.getBytes(6));
    }

    private static StoredRecord metadata(ResidentId resident, ResultSet rs) throws SQLException {
        return new StoredRecord(resident, new RecordId(rs.getString(1)), new RecordVersion(rs.getInt(2)),
                new ResourceType(rs.getString(3)), DataCategory.valueOf(rs.getString(4)),
                rs.getTimestamp(5).toInstant());
    }

    /** Microseconds: what both PostgreSQL and H2 keep, so a stored time reads back equal. */
    private static Timestamp now() {
        return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
