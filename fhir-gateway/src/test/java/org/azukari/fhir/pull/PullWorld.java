package org.azukari.fhir.pull;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.testing.MutableClock;
import org.azukari.fhir.pull.jdbc.JdbcPullStore;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The pull side assembled as the configuration does, over H2 (PostgreSQL mode) migrated by the
 * real migration, with fakes behind the identity and ingest seams. One world per test class;
 * a second scheduler over the same store stands for another node.
 */
final class PullWorld {

    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(30));

    final DataSource dataSource;
    final JdbcPullStore store;
    final InMemoryOrganisations organisations = new InMemoryOrganisations();
    final RecordingPeople people = new RecordingPeople();
    final RecordingIngest ingest = new RecordingIngest();
    /** What the scheduler hands pages to: the recording ingest, unless a test puts the real one in. */
    org.azukari.fhir.ingest.Ingest into = ingest;
    final IdentifierSeal seal;
    final PullCredentials credentials;
    final MutableClock clock;
    final PullPolicy policy;
    final PullSources sources;
    final PullTargets targets;
    final OrganisationId hospital;
    /** The trust bank the runner asks whether a resident erased their data (H2 here, a local key vault). */
    org.azukari.trustbank.api.TrustBank bank;

    PullWorld(MutableClock clock, PullPolicy policy, Map<String, UpstreamCredential> credentials) {
        this.dataSource = new DriverManagerDataSource("jdbc:h2:mem:pull-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/trustbank", "classpath:db/migration/gateway").load().migrate();
        this.store = new JdbcPullStore(dataSource);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.seal = new IdentifierSeal(key);
        this.credentials = new PullCredentials(credentials);
        this.clock = clock;
        this.policy = policy;
        this.sources = new PullSources(store, organisations, this.credentials, clock);
        this.targets = new PullTargets(store, people, seal, clock);
        this.bank = localBank(dataSource);
        this.hospital = organisations.add("hosp-" + UUID.randomUUID().toString().substring(0, 8), OrganisationKind.HOSPITAL);
    }

    private static org.azukari.trustbank.api.TrustBank localBank(DataSource dataSource) {
        try {
            java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("pull-world-bank");
            return new org.azukari.trustbank.testing.EmbeddedBank(dataSource,
                    org.azukari.trustbank.testing.EmbeddedBank.localVault(directory), directory.resolve("ledger")).bank;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static PullPolicy policy(int pageSize, Duration overlap) {
        return new PullPolicy(INTERVAL, BACKOFF, overlap, Duration.ofMinutes(30), pageSize, 1000, 2,
                List.of("Condition", "Observation", "Encounter"));
    }

    /** A started scheduler (no periodic tick: the tests drive it), stopped by the caller. */
    PullScheduler scheduler() {
        PullRunner runner = PullRunner.assemble(store, seal, new Upstreams(credentials, Duration.ofSeconds(5),
                Duration.ofSeconds(30)), organisations, into, bank, policy, clock);
        PullScheduler scheduler = new PullScheduler(runner, store, policy, clock, false);
        scheduler.start();
        return scheduler;
    }
}
