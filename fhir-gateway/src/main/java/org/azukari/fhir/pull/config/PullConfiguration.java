package org.azukari.fhir.pull.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.ingest.Ingest;
import org.azukari.fhir.pull.Backoff;
import org.azukari.fhir.pull.IdentifierSeal;
import org.azukari.fhir.pull.PullCredentials;
import org.azukari.fhir.pull.PullFailure;
import org.azukari.fhir.pull.PullPolicy;
import org.azukari.fhir.pull.PullRunner;
import org.azukari.fhir.pull.PullScheduler;
import org.azukari.fhir.pull.PullSources;
import org.azukari.fhir.pull.PullStore;
import org.azukari.fhir.pull.PullTargets;
import org.azukari.fhir.pull.UpstreamCredential;
import org.azukari.fhir.pull.Upstreams;
import org.azukari.fhir.pull.jdbc.JdbcPullStore;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the pull side. The {@link Ingest} is looked up when a page is handed over, not at
 * start-up: the bank starts, and pulls fail with {@code FG-0619}, while no ingest is wired.
 * The scheduler starts with the context unless {@code azukari.gateway.pull.scheduler-enabled=false}
 * (operators' "pull now" then still runs).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PullProperties.class)
public class PullConfiguration {

    // a plain clock, not a Clock bean: another module's Clock bean would make injection ambiguous
    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    PullStore pullStore(DataSource dataSource) {
        return new JdbcPullStore(dataSource);
    }

    @Bean
    PullCredentials pullCredentials(PullProperties properties) {
        return credentials(properties);
    }

    @Bean
    PullSources pullSources(PullStore store, OrganisationRegistry organisations, PullCredentials credentials) {
        return new PullSources(store, organisations, credentials, CLOCK);
    }

    @Bean
    IdentifierSeal pullIdentifierSeal(BankSecrets secrets) {
        return new IdentifierSeal(secrets.derive(IdentifierSeal.PURPOSE));
    }

    @Bean
    PullTargets pullTargets(PullStore store, PeopleRegistry people, IdentifierSeal seal) {
        return new PullTargets(store, people, seal, CLOCK);
    }

    @Bean
    PullScheduler pullScheduler(PullProperties properties, PullStore store, IdentifierSeal seal,
                                PullCredentials credentials, OrganisationRegistry organisations,
                                ObjectProvider<Ingest> ingests, TrustBank bank) {
        PullPolicy policy = policy(properties);
        Upstreams upstreams = new Upstreams(credentials, properties.connectTimeout(), properties.readTimeout());
        PullRunner runner = PullRunner.assemble(store, seal, upstreams, organisations, lazy(ingests), bank, policy,
                CLOCK);
        return new PullScheduler(runner, store, policy, CLOCK, properties.schedulerEnabled());
    }

    static PullPolicy policy(PullProperties properties) {
        return new PullPolicy(properties.interval(), new Backoff(properties.initialBackoff(), properties.maxBackoff()),
                properties.overlap(), properties.lease(), properties.pageSize(), properties.maxPages(),
                properties.threads(), properties.resourceTypes());
    }

    /** Checks every entry at start-up: a bearer token, or a username with a password, never both. */
    static PullCredentials credentials(PullProperties properties) {
        Map<String, UpstreamCredential> byRef = new LinkedHashMap<>();
        properties.credentials().forEach((ref, entry) -> {
            boolean bearer = entry.bearerToken() != null && !entry.bearerToken().isBlank();
            boolean basic = entry.username() != null || entry.password() != null;
            if (bearer == basic) {
                throw new BadInputException(FhirGatewayError.FG_0697, "pull credentials '" + ref
                        + "' need either bearer-token or username and password");
            }
            byRef.put(ref, bearer ? new UpstreamCredential.Bearer(entry.bearerToken())
                    : new UpstreamCredential.Basic(entry.username(), entry.password()));
        });
        return new PullCredentials(byRef);
    }

    private static Ingest lazy(ObjectProvider<Ingest> ingests) {
        return (source, input, requestId) -> {
            Ingest ingest = ingests.getIfAvailable();
            if (ingest == null) {
                throw new PullFailure(FhirGatewayError.FG_0619, "no ingest is wired into this bank");
            }
            return ingest.ingest(source, input, requestId);
        };
    }
}
