package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.azukari.accesslog.AccessLogOutbox;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.accesslog.testing.InMemoryAccessLogOutbox;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AccessLogSearchConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AccessLogSearchConfiguration.class)
            .withBean(AccessLogOutbox.class, InMemoryAccessLogOutbox::new);

    @Test
    void withoutAUrl_nothingIsWired() {
        runner.run(context -> assertThat(context).doesNotHaveBean(AccessLogSearch.class).doesNotHaveBean(OutboxIndexer.class));
        runner.withPropertyValues("azukari.access-log.elasticsearch.url=")
                .run(context -> assertThat(context).doesNotHaveBean(AccessLogSearch.class));
    }

    @Test
    void withAUrl_theSearchAndARunningIndexerAreWired_evenWhileElasticsearchIsDown() {
        runner.withPropertyValues("azukari.access-log.elasticsearch.url=http://127.0.0.1:1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AccessLogSearch.class)).isInstanceOf(ElasticsearchAccessLogSearch.class);
            assertThat(context.getBean(OutboxIndexer.class).isRunning()).isTrue();
            assertThat(context).hasSingleBean(RetentionSchedule.class);
        });
    }

    @Test
    void aBadSetting_failsTheStart() {
        runner.withPropertyValues("azukari.access-log.elasticsearch.url=http://127.0.0.1:9200",
                "azukari.access-log.elasticsearch.retention=P5Y").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("CP-0151 "));
        runner.withPropertyValues("azukari.access-log.elasticsearch.url=http://es:9200/some/path")
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("CP-0150 "));
    }
}
