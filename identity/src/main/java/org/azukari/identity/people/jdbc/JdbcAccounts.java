package org.azukari.identity.people.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PersonListing;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.people.AccountRow;
import org.azukari.identity.people.Accounts;
import org.azukari.identity.people.Username;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code id_account} over JDBC; the same SQL runs on PostgreSQL and on H2 in PostgreSQL mode. */
public final class JdbcAccounts implements Accounts {

    private static final String COLUMNS = "account_id, username, principal_kind, organisation_id, resident_id,"
            + " assurance_level, password_hash, failed_attempts, locked_until, totp_secret, totp_confirmed,"
            + " totp_last_step, disabled_at";

    private final JdbcTemplate jdbc;

    public JdbcAccounts(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public Insert insert(PersonAccount account, Username username, String passwordHash,
                         Optional<ProofingMethod> proofing, Instant now) {
        try {
            jdbc.update("INSERT INTO id_account (account_id, username, password_hash, principal_kind, organisation_id,"
                            + " resident_id, assurance_level, proofing_method, failed_attempts, totp_confirmed,"
                            + " totp_last_step, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, FALSE, 0, ?)",
                    account.account().value(), username.value(), passwordHash, account.kind().name(),
                    account.organisation().map(OrganisationId::value).orElse(null),
                    account.resident().map(ResidentId::value).orElse(null),
                    account.assurance().map(Enum::name).orElse(null), proofing.map(Enum::name).orElse(null),
                    Timestamp.from(now));
            return Insert.INSERTED;
        } catch (DuplicateKeyException taken) {
            return Insert.USERNAME_TAKEN;
        } catch (DataIntegrityViolationException organisationGone) {
            // the organisation was checked just before; only its removal in between gets here
            return Insert.ORGANISATION_MISSING;
        }
    }

    @Override
    public Optional<AccountRow> byUsername(Username username) {
        return one(jdbc.query("SELECT " + COLUMNS + " FROM id_account WHERE username = ?", JdbcAccounts::row,
                username.value()));
    }

    @Override
    public Optional<AccountRow> byId(AccountId account) {
        return one(jdbc.query("SELECT " + COLUMNS + " FROM id_account WHERE account_id = ?", JdbcAccounts::row,
                account.value()));
    }

    @Override
    public boolean residentExists(ResidentId resident) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM id_account WHERE resident_id = ?", Integer.class,
                resident.value());
        return count != null && count > 0;
    }

    @Override
    public List<ResidentId> residentIds() {
        return jdbc.queryForList("SELECT resident_id FROM id_account WHERE resident_id IS NOT NULL", UUID.class)
                .stream().map(ResidentId::new).toList();
    }

    @Override
    public Optional<AccountId> accountOf(ResidentId resident) {
        return jdbc.queryForList("SELECT account_id FROM id_account WHERE resident_id = ?", UUID.class, resident.value())
                .stream().findFirst().map(AccountId::new);
    }

    @Override
    public List<PersonListing> listing(int limit, Instant now) {
        return jdbc.query("SELECT account_id, username, principal_kind, organisation_id, assurance_level,"
                + " proofing_method, created_at, locked_until, totp_confirmed FROM id_account"
                + " ORDER BY created_at DESC, account_id LIMIT ?", (rs, row) -> {
                    Timestamp locked = rs.getTimestamp("locked_until");
                    return new PersonListing(new AccountId(rs.getObject("account_id", UUID.class)),
                            rs.getString("username"), PrincipalKind.valueOf(rs.getString("principal_kind")),
                            Optional.ofNullable(rs.getString("organisation_id")).map(OrganisationId::new),
                            Optional.ofNullable(rs.getString("assurance_level")).map(AssuranceLevel::valueOf),
                            Optional.ofNullable(rs.getString("proofing_method")).map(ProofingMethod::valueOf),
                            rs.getTimestamp("created_at").toInstant(),
                            locked != null && locked.toInstant().isAfter(now), rs.getBoolean("totp_confirmed"));
                }, limit);
    }

    @Override
    public Optional<OrganisationKind> organisationKind(OrganisationId organisation) {
        List<String> kinds = jdbc.queryForList("SELECT kind FROM id_organisation WHERE organisation_id = ?",
                String.class, organisation.value());
        return kinds.isEmpty() ? Optional.empty() : Optional.of(OrganisationKind.valueOf(kinds.get(0)));
    }

    @Override
    public int recordFailure(AccountId account) {
        jdbc.update("UPDATE id_account SET failed_attempts = failed_attempts + 1 WHERE account_id = ?",
                account.value());
        Integer failures = jdbc.queryForObject("SELECT failed_attempts FROM id_account WHERE account_id = ?",
                Integer.class, account.value());
        return failures == null ? 0 : failures;
    }

    @Override
    public void lockUntil(AccountId account, Instant until) {
        jdbc.update("UPDATE id_account SET locked_until = ? WHERE account_id = ?", Timestamp.from(until),
                account.value());
    }

    @Override
    public void recordSuccess(AccountId account) {
        jdbc.update("UPDATE id_account SET failed_attempts = 0, locked_until = NULL WHERE account_id = ?",
                account.value());
    }

    @Override
    public boolean useTotpStep(AccountId account, long step) {
        return jdbc.update("UPDATE id_account SET totp_last_step = ? WHERE account_id = ? AND totp_last_step < ?",
                step, account.value(), step) == 1;
    }

    @Override
    public boolean setPendingTotp(AccountId account, byte[] sealed) {
        return jdbc.update("UPDATE id_account SET totp_secret = ?, totp_confirmed = FALSE, totp_last_step = 0"
                + " WHERE account_id = ? AND totp_confirmed = FALSE", sealed, account.value()) == 1;
    }

    @Override
    public void confirmTotp(AccountId account) {
        jdbc.update("UPDATE id_account SET totp_confirmed = TRUE WHERE account_id = ? AND totp_secret IS NOT NULL",
                account.value());
    }

    @Override
    public boolean updateProofing(AccountId resident, AssuranceLevel assurance, ProofingMethod proofing) {
        return jdbc.update("UPDATE id_account SET assurance_level = ?, proofing_method = ? WHERE account_id = ?"
                + " AND resident_id IS NOT NULL", assurance.name(), proofing.name(), resident.value()) == 1;
    }

    @Override
    public void grantEmergencyRole(AccountId practitioner, AccountId grantedBy, Instant now) {
        try {
            jdbc.update("INSERT INTO id_emergency_role (account_id, granted_by, granted_at) VALUES (?, ?, ?)",
                    practitioner.value(), grantedBy.value(), Timestamp.from(now));
        } catch (DuplicateKeyException alreadyHeld) {
            // idempotent: the first grant stays
        }
    }

    @Override
    public boolean revokeEmergencyRole(AccountId practitioner) {
        return jdbc.update("DELETE FROM id_emergency_role WHERE account_id = ?", practitioner.value()) == 1;
    }

    @Override
    public boolean holdsEmergencyRole(AccountId account) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM id_emergency_role r JOIN id_account a"
                + " ON a.account_id = r.account_id WHERE r.account_id = ? AND a.principal_kind = 'PRACTITIONER'",
                Integer.class, account.value());
        return count != null && count > 0;
    }

    @Override
    public boolean setDisabled(AccountId account, Optional<Instant> since) {
        return jdbc.update("UPDATE id_account SET disabled_at = ? WHERE account_id = ?",
                since.map(Timestamp::from).orElse(null), account.value()) == 1;
    }

    private static Optional<AccountRow> one(List<AccountRow> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static AccountRow row(ResultSet rs, int rowNumber) throws SQLException {
        PrincipalKind kind = PrincipalKind.valueOf(rs.getString("principal_kind"));
        PersonAccount account = new PersonAccount(new AccountId(rs.getObject("account_id", UUID.class)), kind,
                Optional.ofNullable(rs.getString("organisation_id")).map(OrganisationId::new),
                Optional.ofNullable(rs.getObject("resident_id", UUID.class)).map(ResidentId::new),
                Optional.ofNullable(rs.getString("assurance_level")).map(AssuranceLevel::valueOf));
        Timestamp locked = rs.getTimestamp("locked_until");
        return new AccountRow(account, new Username(rs.getString("username")), rs.getString("password_hash"),
                rs.getInt("failed_attempts"),
                Optional.ofNullable(locked).map(Timestamp::toInstant), Optional.ofNullable(rs.getBytes("totp_secret")),
                rs.getBoolean("totp_confirmed"), rs.getLong("totp_last_step"), rs.getTimestamp("disabled_at") != null);
    }
}
