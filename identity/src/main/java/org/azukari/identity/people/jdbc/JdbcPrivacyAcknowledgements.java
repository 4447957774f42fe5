package org.azukari.identity.people.jdbc;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.PrivacyAcknowledgements;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code id_privacy_acknowledgement}: raise the row, or insert it; a lost insert race is a raise again. */
public final class JdbcPrivacyAcknowledgements implements PrivacyAcknowledgements {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcPrivacyAcknowledgements(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public OptionalInt acknowledged(AccountId account) {
        return jdbc.queryForList("SELECT policy_version FROM id_privacy_acknowledgement WHERE account_id = ?",
                Integer.class, account.value()).stream().mapToInt(Integer::intValue).findFirst();
    }

    @Override
    public void acknowledge(AccountId account, int version) {
        if (version < 1) {
            throw new BadInputException(IdentityError.ID_0170, "a privacy policy version starts at 1");
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (raise(account, version, now) > 0 || acknowledged(account).isPresent()) {
            return;
        }
        try {
            jdbc.update("INSERT INTO id_privacy_acknowledgement (account_id, policy_version, acknowledged_at)"
                    + " VALUES (?, ?, ?)", account.value(), version, now);
        } catch (DuplicateKeyException concurrent) {
            raise(account, version, now);
        }
    }

    private int raise(AccountId account, int version, Timestamp now) {
        return jdbc.update("UPDATE id_privacy_acknowledgement SET policy_version = ?, acknowledged_at = ?"
                + " WHERE account_id = ? AND policy_version < ?", version, now, account.value(), version);
    }
}
