package org.azukari.identity.registry;

import static org.azukari.identity.api.OrganisationRegistryException.CLIENT_EXISTS;
import static org.azukari.identity.api.OrganisationRegistryException.KIND_MISMATCH;
import static org.azukari.identity.api.OrganisationRegistryException.NO_SCOPES;
import static org.azukari.identity.api.OrganisationRegistryException.ORGANISATION_EXISTS;
import static org.azukari.identity.api.OrganisationRegistryException.SCOPE_MISMATCH;
import static org.azukari.identity.api.OrganisationRegistryException.UNKNOWN_CLIENT;
import static org.azukari.identity.api.OrganisationRegistryException.UNKNOWN_ORGANISATION;
import static org.azukari.identity.api.OrganisationRegistryException.UNKNOWN_PURPOSE;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientKey;
import org.azukari.identity.api.ClientScopes;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.ClientStatus;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.OrganisationRegistryException;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SmartScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organisation and client registry over JDBC. Every registration runs in one transaction
 * and checks before it writes (purposes known, organisation present, client kind fitting), so
 * a refusal leaves nothing behind; the primary keys settle races between two operators.
 */
public final class JdbcOrganisationRegistry implements OrganisationRegistry {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public JdbcOrganisationRegistry(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    @Override
    public Organisation registerOrganisation(Organisation organisation) {
        try {
            return transactions.execute(status -> {
                for (Purpose purpose : organisation.purposes()) {
                    if (count("SELECT COUNT(*) FROM id_purpose WHERE code = ?", purpose.code()) == 0) {
                        throw refuse(UNKNOWN_PURPOSE, "unknown purpose");
                    }
                }
                jdbc.update("INSERT INTO id_organisation (organisation_id, kind, display_name, registered_at)"
                                + " VALUES (?, ?, ?, ?)", organisation.id().value(), organisation.kind().name(),
                        organisation.displayName(), now());
                for (Purpose purpose : organisation.purposes()) {
                    jdbc.update("INSERT INTO id_organisation_purpose (organisation_id, purpose_code) VALUES (?, ?)",
                            organisation.id().value(), purpose.code());
                }
                return organisation;
            });
        } catch (DuplicateKeyException e) {
            throw refuse(ORGANISATION_EXISTS, "organisation already registered");
        }
    }

    @Override
    public Client registerClient(ClientRegistration registration) {
        if (registration.allowedScopes().isEmpty()) {
            throw refuse(NO_SCOPES, "a client needs at least one allowed scope");
        }
        if (registration.kind().isPerson()) {
            throw refuse(KIND_MISMATCH, "client kind does not fit the organisation");
        }
        if (!registration.allowedScopes().stream().allMatch(scope -> ClientScopes.fits(registration.kind(), scope))) {
            throw refuse(SCOPE_MISMATCH, "a scope does not fit the client kind");
        }
        List<ClientKey> keys = PublicKeySet.parse(registration.jwks());
        try {
            return transactions.execute(status -> {
                OrganisationKind kind = findOrganisation(registration.organisation())
                        .orElseThrow(() -> refuse(UNKNOWN_ORGANISATION, "unknown organisation")).kind();
                if (!kind.fits(registration.kind())) {
                    throw refuse(KIND_MISMATCH, "client kind does not fit the organisation");
                }
                String id = registration.client().value();
                jdbc.update("INSERT INTO id_client (client_id, organisation_id, kind, status, registered_at)"
                                + " VALUES (?, ?, ?, ?, ?)", id, registration.organisation().value(),
                        registration.kind().name(), ClientStatus.ACTIVE.name(), now());
                for (SmartScope scope : registration.allowedScopes()) {
                    jdbc.update("INSERT INTO id_client_scope (client_id, scope) VALUES (?, ?)", id, scope.toString());
                }
                for (ClientKey key : keys) {
                    jdbc.update("INSERT INTO id_client_key (client_id, kid, key_type, public_jwk) VALUES (?, ?, ?, ?)",
                            id, key.keyId(), key.keyType(), key.publicJwk());
                }
                return new Client(registration.client(), registration.organisation(), registration.kind(),
                        registration.allowedScopes(), ClientStatus.ACTIVE, keys);
            });
        } catch (DuplicateKeyException e) {
            throw refuse(CLIENT_EXISTS, "client already registered");
        }
    }

    @Override
    public void setClientStatus(ClientId client, ClientStatus status) {
        if (jdbc.update("UPDATE id_client SET status = ? WHERE client_id = ?", status.name(), client.value()) == 0) {
            throw refuse(UNKNOWN_CLIENT, "unknown client");
        }
    }

    // Each lookup reads its rows first and only then the purposes, scopes and keys: a query run
    // inside another's row mapper holds two pool connections at once, and under load every request
    // thread then holds one and waits for a second (the pool stalls until its timeout; docs/load.md).
    private record OrganisationRow(String id, String kind, String displayName) {
    }

    private record ClientRow(String id, String organisation, String kind, String status) {
    }

    @Override
    public Optional<Organisation> findOrganisation(OrganisationId id) {
        return jdbc.query("SELECT organisation_id, kind, display_name FROM id_organisation WHERE organisation_id = ?",
                (rs, n) -> new OrganisationRow(rs.getString(1), rs.getString(2), rs.getString(3)), id.value())
                .stream().findFirst().map(this::organisation);
    }

    @Override
    public List<Organisation> organisations() {
        return jdbc.query("SELECT organisation_id, kind, display_name FROM id_organisation ORDER BY organisation_id",
                (rs, n) -> new OrganisationRow(rs.getString(1), rs.getString(2), rs.getString(3)))
                .stream().map(this::organisation).toList();
    }

    @Override
    public Optional<Client> findClient(ClientId id) {
        return jdbc.query("SELECT client_id, organisation_id, kind, status FROM id_client WHERE client_id = ?",
                (rs, n) -> new ClientRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), id.value())
                .stream().findFirst().map(this::client);
    }

    @Override
    public List<Client> clients(OrganisationId organisation) {
        return jdbc.query("SELECT client_id, organisation_id, kind, status FROM id_client WHERE organisation_id = ?"
                        + " ORDER BY client_id",
                (rs, n) -> new ClientRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                organisation.value()).stream().map(this::client).toList();
    }

    private Organisation organisation(OrganisationRow row) {
        Set<Purpose> purposes = jdbc.queryForList(
                        "SELECT purpose_code FROM id_organisation_purpose WHERE organisation_id = ?", String.class, row.id())
                .stream().map(Purpose::new).collect(Collectors.toSet());
        return new Organisation(new OrganisationId(row.id()), OrganisationKind.valueOf(row.kind()), row.displayName(),
                purposes);
    }

    private Client client(ClientRow row) {
        Set<SmartScope> scopes = jdbc.queryForList("SELECT scope FROM id_client_scope WHERE client_id = ?", String.class,
                        row.id())
                .stream().map(SmartScope::parse).collect(Collectors.toSet());
        List<ClientKey> keys = jdbc.query("SELECT kid, key_type, public_jwk FROM id_client_key WHERE client_id = ? ORDER BY kid",
                (rs, n) -> new ClientKey(rs.getString(1), rs.getString(2), rs.getString(3)), row.id());
        return new Client(new ClientId(row.id()), new OrganisationId(row.organisation()), PrincipalKind.valueOf(row.kind()),
                scopes, ClientStatus.valueOf(row.status()), keys);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static OrganisationRegistryException refuse(IdentityError code, String phrase) {
        return new OrganisationRegistryException(code, phrase);
    }
}
