package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElasticsearchSettingsTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        ElasticsearchSettings settings = ElasticsearchSettings.of("http://127.0.0.1:9200");

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.indexPrefix()).isEqualTo("azukari-access-log");
        assertThat(settings.retention()).isEqualTo(Period.ofYears(10));
        assertThat(ElasticsearchSettings.of("").enabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:9200", "ftp://es:21", "http://user:pw@es:9200", "http://es:9200/path", "http://es:9200?x=1",
            "not a url"})
    void url_thatIsNotSchemeHostAndPort_failsTheStart(String url) {
        assertThatThrownBy(() -> ElasticsearchSettings.of(url)).hasMessageStartingWith("CP-0150 ")
                .hasMessageNotContaining("pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Azukari", "azukari-*", "a,b", "-x", "x-", "_x"})
    void indexPrefix_thatElasticsearchWouldMisread_isRefused(String prefix) {
        assertThatThrownBy(() -> ElasticsearchSettings.of("http://127.0.0.1:9200").withIndexPrefix(prefix))
                .hasMessageStartingWith("CP-0150 ");
    }

    @Test
    void batchAndPolling_outOfBounds_areRefused() {
        ElasticsearchSettings settings = ElasticsearchSettings.of("http://127.0.0.1:9200");

        assertThatThrownBy(() -> settings.withPolling(Duration.ofMillis(500), Duration.ofMinutes(1), 0)).hasMessageStartingWith("CP-0150 ");
        assertThatThrownBy(() -> settings.withPolling(Duration.ZERO, Duration.ofMinutes(1), 10)).hasMessageStartingWith("CP-0150 ");
        assertThatThrownBy(() -> settings.withPolling(Duration.ofSeconds(5), Duration.ofSeconds(1), 10))
                .as("back-off below the poll interval").hasMessageStartingWith("CP-0150 ");
    }
}
