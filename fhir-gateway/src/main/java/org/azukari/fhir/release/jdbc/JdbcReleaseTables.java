package org.azukari.fhir.release.jdbc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.PseudonymDirectory;
import org.azukari.fhir.release.ReceiptStore;
import org.azukari.fhir.release.RecipientPseudonym;
import org.azukari.fhir.release.ShareCodeStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The release tables of {@code V7_1__release.sql}: pseudonyms, share codes and receipts. */
public final class JdbcReleaseTables implements PseudonymDirectory, ShareCodeStore, ReceiptStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcReleaseTables(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public void remember(String recipient, RecipientPseudonym pseudonym, ResidentId resident) {
        if (resolve(recipient, pseudonym).isPresent()) {
            return;
        }
        try {
            jdbc.update("INSERT INTO fg_release_pseudonym (recipient, pseudonym, resident_id, created_at) VALUES (?, ?, ?, ?)",
                    recipient, pseudonym.value(), resident.value(), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException raced) {
            // the same pair, remembered by a concurrent exchange
        }
    }

    @Override
    public Optional<ResidentId> resolve(String recipient, RecipientPseudonym pseudonym) {
        return jdbc.query("SELECT resident_id FROM fg_release_pseudonym WHERE recipient = ? AND pseudonym = ?",
                (rs, i) -> new ResidentId(rs.getObject(1, UUID.class)), recipient, pseudonym.value()).stream().findFirst();
    }

    @Override
    public List<ResidentId> residentsOf(String recipient) {
        return jdbc.query("SELECT resident_id FROM fg_release_pseudonym WHERE recipient = ?",
                (rs, i) -> new ResidentId(rs.getObject(1, UUID.class)), recipient);
    }

    @Override
    public void save(byte[] codeHash, ResidentId resident, Instant expiresAt) {
        jdbc.update("INSERT INTO fg_release_share_code (code_hash, resident_id, expires_at) VALUES (?, ?, ?)",
                codeHash, resident.value(), Timestamp.from(expiresAt));
    }

    @Override
    public Optional<ResidentId> holder(byte[] codeHash, Instant now) {
        return jdbc.query("SELECT resident_id FROM fg_release_share_code WHERE code_hash = ? AND used_at IS NULL"
                        + " AND expires_at > ?", (rs, i) -> new ResidentId(rs.getObject(1, UUID.class)), codeHash,
                Timestamp.from(now)).stream().findFirst();
    }

    @Override
    public Optional<ResidentId> redeem(byte[] codeHash, Instant now) {
        int used = jdbc.update("UPDATE fg_release_share_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL"
                + " AND expires_at > ?", Timestamp.from(now), codeHash, Timestamp.from(now));
        if (used != 1) {
            return Optional.empty();
        }
        return jdbc.query("SELECT resident_id FROM fg_release_share_code WHERE code_hash = ?",
                (rs, i) -> new ResidentId(rs.getObject(1, UUID.class)), codeHash).stream().findFirst();
    }

    @Override
    public void save(String receiptId, ResidentId resident, String recipient, Instant issuedAt, String json,
                     String signature) {
        jdbc.update("INSERT INTO fg_release_receipt (receipt_id, resident_id, recipient, issued_at, receipt, signature)"
                + " VALUES (?, ?, ?, ?, ?, ?)", receiptId, resident.value(), recipient, Timestamp.from(issuedAt), json, signature);
    }

    @Override
    public java.util.List<StoredReceipt> forResident(ResidentId resident, int limit) {
        return jdbc.query("SELECT receipt_id, recipient, issued_at, receipt, signature FROM fg_release_receipt"
                        + " WHERE resident_id = ? ORDER BY issued_at DESC, receipt_id LIMIT ?",
                (rs, i) -> new StoredReceipt(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5)), resident.value(), limit);
    }
}
