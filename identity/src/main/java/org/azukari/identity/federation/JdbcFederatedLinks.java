package org.azukari.identity.federation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.ProviderId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link FederatedLinks} over JDBC; takes part in the caller's transaction (Spring's {@code DataSourceUtils}). */
final class JdbcFederatedLinks implements FederatedLinks {

    private final JdbcTemplate jdbc;

    JdbcFederatedLinks(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Transactions over the same data source, so that an account, its link and its evidence are one. */
    static TransactionTemplate transactionsOver(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public Optional<AccountId> accountFor(ProviderId provider, String subjectHash) {
        return jdbc.queryForList("SELECT account_id FROM id_federated_link WHERE provider_id = ? AND subject_hash = ?",
                UUID.class, provider.value(), subjectHash).stream().findFirst().map(AccountId::new);
    }

    @Override
    public boolean link(ProviderId provider, String subjectHash, AccountId account, Instant now) {
        try {
            jdbc.update("INSERT INTO id_federated_link (provider_id, subject_hash, account_id, linked_at)"
                    + " VALUES (?, ?, ?, ?)", provider.value(), subjectHash, account.value(), Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException linkedMeanwhile) {
            return false;
        }
    }

    @Override
    public void recordEvidence(AccountId account, ProofingEvidence evidence, boolean accountCreated, Instant now) {
        jdbc.update("INSERT INTO id_proofing_evidence (account_id, provider_id, assurance_level, proofing_method, acr,"
                        + " amr, authenticated_at, recorded_at, account_created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                account.value(), evidence.provider().value(), evidence.assurance().name(), evidence.proofing().name(),
                evidence.acr().orElse(null), evidence.amr().orElse(null),
                evidence.authenticatedAt().map(Timestamp::from).orElse(null), Timestamp.from(now), accountCreated);
    }
}
