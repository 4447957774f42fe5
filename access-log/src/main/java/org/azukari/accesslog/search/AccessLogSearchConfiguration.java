package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Clock;
import org.azukari.accesslog.AccessLogOutbox;
import org.azukari.consent.api.AccessLogSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * When {@code azukari.access-log.elasticsearch.url} is set: the client, the indexer fed from the
 * {@link AccessLogOutbox} (it installs the template before its first write), the retention
 * schedule, and the Elasticsearch {@link AccessLogSearch} as the primary one. The start does not
 * wait for Elasticsearch: if it is down, entries wait in the outbox and searches fail closed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AccessLogSearchConfiguration.UrlSet.class)
@EnableConfigurationProperties(ElasticsearchSettings.class)
public class AccessLogSearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessLogSearchConfiguration.class);

    @Bean
    ElasticsearchClient accessLogElasticsearchClient(ElasticsearchSettings settings) {
        log.info("Access-log search: Elasticsearch at {}, alias {}", settings.url(), settings.indexPrefix());
        return ElasticsearchClients.create(settings);
    }

    @Bean
    OutboxIndexer accessLogOutboxIndexer(AccessLogOutbox outbox, ElasticsearchClient accessLogElasticsearchClient,
                                         ElasticsearchSettings settings) {
        return new OutboxIndexer(outbox,
                new ElasticsearchEntryWriter(accessLogElasticsearchClient, new IndexNames(settings.indexPrefix())),
                settings.batchSize(), settings.pollInterval(), settings.maxBackoff());
    }

    @Bean
    RetentionSchedule accessLogRetentionSchedule(ElasticsearchClient accessLogElasticsearchClient,
                                                 ElasticsearchSettings settings) {
        IndexRetention retention = new IndexRetention(accessLogElasticsearchClient,
                new IndexNames(settings.indexPrefix()), settings.retention(), Clock.systemUTC());
        return new RetentionSchedule(retention, settings.retentionCheck());
    }

    @Bean
    @Primary
    AccessLogSearch elasticsearchAccessLogSearch(ElasticsearchClient accessLogElasticsearchClient,
                                                 ElasticsearchSettings settings) {
        return new ElasticsearchAccessLogSearch(accessLogElasticsearchClient, new IndexNames(settings.indexPrefix()));
    }

    /** An empty url means "off", which {@code @ConditionalOnProperty} would take for "on". */
    static final class UrlSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("azukari.access-log.elasticsearch.url");
            return url != null && !url.isBlank();
        }
    }
}
