package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Paging links are followed only within the source's own base: a link elsewhere would carry its credential away. */
class UpstreamTest {

    private final Upstream upstream = new Upstream(null, URI.create("https://fhir.hospital.example/r4"), new DroppedFromPages());

    @Test
    void aNextLink_underTheBase_isFollowed() {
        assertThat(upstream.withinBase("https://fhir.hospital.example/r4?_getpages=abc&_getpagesoffset=5")).isTrue();
        assertThat(upstream.withinBase("https://FHIR.hospital.example:443/r4/Observation?patient=1&_page=2")).isTrue();
    }

    @Test
    void aNextLink_toAnotherHostSchemePortOrPath_isNotFollowed() {
        assertThat(upstream.withinBase("https://evil.example/r4?_getpages=abc")).isFalse();
        assertThat(upstream.withinBase("http://fhir.hospital.example/r4?_getpages=abc")).isFalse();
        assertThat(upstream.withinBase("https://fhir.hospital.example:8443/r4?_getpages=abc")).isFalse();
        assertThat(upstream.withinBase("https://fhir.hospital.example/r4-other?x=1")).isFalse();
        assertThat(upstream.withinBase("https://fhir.hospital.example/admin")).isFalse();
        assertThat(upstream.withinBase("https://user@fhir.hospital.example/r4?x=1")).isFalse();
        assertThat(upstream.withinBase("/r4?_getpages=abc")).isFalse();
        assertThat(upstream.withinBase("not a url")).isFalse();
    }
}
