package org.azukari.ui.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class PrivacyPolicyTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static PrivacyPolicy at(String location, String instant) {
        return new PrivacyPolicy(location, TOKYO, new DefaultResourceLoader(),
                Clock.fixed(Instant.parse(instant), ZoneId.of("UTC")));
    }

    @Test
    void theShippedPolicy_isVersionOne_inBothLanguages_withHeadingsParagraphsAndLists() {
        PrivacyPolicy policy = at("classpath:privacy-policy/", "2026-12-08T00:00:00Z");

        PrivacyPolicy.Version current = policy.current();

        assertThat(current.number()).isEqualTo(1);
        assertThat(current.text("en")).extracting(PrivacyPolicy.Block::kind).contains("heading", "paragraph", "list");
        assertThat(current.text("ja").get(0).text()).isEqualTo("情報銀行について");
        assertThat(current.text("en").stream().filter(b -> b.kind().equals("heading")).count())
                .isEqualTo(current.text("ja").stream().filter(b -> b.kind().equals("heading")).count());
    }

    @Test
    void aVersion_isInForceFromItsDayInTheCitysZone_notBefore() {
        // 2026-11-30T15:00Z is already 2026-12-01 in Tokyo, the day version 1 takes effect
        assertThat(at("classpath:privacy-policy/", "2026-11-30T15:00:00Z").published()).hasSize(1);
        assertThat(at("classpath:privacy-policy/", "2026-11-30T14:59:59Z").published()).isEmpty();
    }

    @Test
    void aMissingPolicy_stopsTheStart() {
        assertThatThrownBy(() -> at("classpath:no-such-policy/", "2026-12-08T00:00:00Z"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("UI-0430");
    }
}
