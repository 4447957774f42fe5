package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.MutableClock;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.junit.jupiter.api.Test;

/** Registering sources and linking residents: what is refused, and what linking again does. */
class PullSourcesTest {

    private static final String SYSTEM = "urn:oid:1.2.392.100495.20.3.51.1";
    private final PullWorld world = new PullWorld(new MutableClock(Instant.parse("2026-01-05T09:00:00Z")),
            PullWorld.policy(50, Duration.ofSeconds(2)), Map.of("hosp-a", new UpstreamCredential.Bearer("t")));

    private PullSource register(String url) {
        return world.sources.register(world.hospital, url, Optional.empty(), ValidationMode.STRICT);
    }

    @Test
    void register_withAnHttpsBaseUrl_storesTheSourceEnabled_withoutATrailingSlash() {
        PullSource source = world.sources.register(world.hospital, "https://fhir.hospital.example/r4/",
                Optional.of("hosp-a"), ValidationMode.LENIENT);

        assertThat(world.sources.find(source.id())).contains(source);
        assertThat(source.baseUrl().toString()).isEqualTo("https://fhir.hospital.example/r4");
        assertThat(source.enabled()).isTrue();
        assertThat(world.sources.status(source.id()).orElseThrow().targets()).isZero();
    }

    @Test
    void register_withAMalformedOrDangerousBaseUrl_isRefused_andNothingIsStored() {
        for (String url : List.of("ftp://fhir.hospital.example/r4", "https://user:pw@fhir.hospital.example/r4",
                "https://fhir.hospital.example/r4?token=abc", "https://fhir.hospital.example/r4#x", "/r4",
                "file:///etc/passwd", "https://", "http://exa mple/r4", "", "https://h/" + "x".repeat(1100))) {
            assertThatThrownBy(() -> register(url)).as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("FG-0601").satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("pw@").doesNotContain("token=abc"));
        }
        assertThat(world.sources.statuses()).isEmpty();
    }

    @Test
    void register_forAnUnknownOrganisation_aWellnessService_orAnUnconfiguredCredential_isRefused() {
        OrganisationId wellness = world.organisations.add("well-1", OrganisationKind.WELLNESS_SERVICE);

        assertThatThrownBy(() -> world.sources.register(new OrganisationId("nobody-here"), "https://h.example/r4",
                Optional.empty(), ValidationMode.STRICT)).hasMessageStartingWith("FG-0602");
        assertThatThrownBy(() -> world.sources.register(wellness, "https://h.example/r4", Optional.empty(),
                ValidationMode.STRICT)).hasMessageStartingWith("FG-0604");
        assertThatThrownBy(() -> world.sources.register(world.hospital, "https://h.example/r4", Optional.of("hosp-b"),
                ValidationMode.STRICT)).hasMessageStartingWith("FG-0603");
        assertThatThrownBy(() -> world.sources.register(world.hospital, "https://h.example/r4", Optional.of("Bad Ref!"),
                ValidationMode.STRICT)).hasMessageStartingWith("FG-0603").hasMessageNotContaining("Bad Ref!");
        assertThat(world.sources.statuses()).isEmpty();
    }

    @Test
    void link_makesAnEnrolmentLinkAtTheSourcesOrganisation_andAFreshDueCursor() {
        PullSource source = register("https://h.example/r4");
        ResidentId resident = ResidentId.random();

        PullTarget target = world.targets.link(source.id(), resident, new UpstreamIdentifier(SYSTEM, "MRN-1"));

        assertThat(world.people.findResidentByEnrolment(world.hospital, SYSTEM, "MRN-1")).contains(resident);
        assertThat(world.store.targets(source.id())).containsExactly(target);
        assertThat(world.store.cursor(target).orElseThrow().isDue(world.clock.instant(), Duration.ofMinutes(30))).isTrue();
        assertThat(world.sources.status(source.id()).orElseThrow().targets()).isEqualTo(1);
    }

    @Test
    void linkingAgain_withTheSameIdentifier_keepsTheCursor_withAnotherOne_startsItAfresh() {
        PullSource source = register("https://h.example/r4");
        ResidentId resident = ResidentId.random();
        PullTarget target = world.targets.link(source.id(), resident, new UpstreamIdentifier(SYSTEM, "MRN-1"));
        PullCursor claimed = world.store.claim(target, world.clock.instant(), Instant.EPOCH).orElseThrow();
        world.store.release(target, claimed, claimed.succeeded(Optional.of(Instant.parse("2026-01-05T08:00:00Z")), 5, 5,
                world.clock.instant(), PullWorld.INTERVAL));

        world.targets.link(source.id(), resident, new UpstreamIdentifier(SYSTEM, "MRN-1"));
        assertThat(world.store.cursor(target).orElseThrow().highWater()).isPresent();

        world.targets.link(source.id(), resident, new UpstreamIdentifier(SYSTEM, "MRN-2"));
        assertThat(world.store.cursor(target).orElseThrow().highWater()).isEmpty();
        assertThat(world.seal.open(target, world.store.sealedIdentifier(target).orElseThrow()).value()).isEqualTo("MRN-2");
    }

    @Test
    void link_ofAnIdentifierAlreadyLinkedToAnotherResident_isRefused_andNoTargetIsStored() {
        PullSource source = register("https://h.example/r4");
        world.targets.link(source.id(), ResidentId.random(), new UpstreamIdentifier(SYSTEM, "MRN-1"));

        assertThatThrownBy(() -> world.targets.link(source.id(), ResidentId.random(), new UpstreamIdentifier(SYSTEM, "MRN-1")))
                .hasMessageStartingWith("ID-0133");
        assertThat(world.store.targets(source.id())).hasSize(1);
    }

    @Test
    void link_toAnUnknownSource_isRefused() {
        assertThatThrownBy(() -> world.targets.link(PullSourceId.random(), ResidentId.random(),
                new UpstreamIdentifier(SYSTEM, "MRN-1"))).hasMessageStartingWith("FG-0606");
        assertThat(world.people.links()).isEmpty();
    }

    @Test
    void aDisabledSource_isNotDue_andCannotBePulledNow() {
        PullSource source = register("https://h.example/r4");
        world.targets.link(source.id(), ResidentId.random(), new UpstreamIdentifier(SYSTEM, "MRN-1"));
        assertThat(world.store.due(world.clock.instant(), Instant.EPOCH, 10)).hasSize(1);

        assertThat(world.sources.setEnabled(source.id(), false)).isTrue();

        assertThat(world.store.due(world.clock.instant(), Instant.EPOCH, 10)).isEmpty();
        PullScheduler scheduler = world.scheduler();
        try {
            assertThatThrownBy(() -> scheduler.pullNow(source.id())).hasMessageStartingWith("FG-0607");
        } finally {
            scheduler.stop();
        }
        assertThat(world.sources.setEnabled(PullSourceId.random(), false)).isFalse();
    }

    @Test
    void aPullSourceId_isParsedFromItsCanonicalFormOnly() {
        PullSourceId id = PullSourceId.random();
        assertThat(PullSourceId.parse(id.toString())).isEqualTo(id);
        for (String bad : new String[] {"x", id + " ", "1-1-1-1-1", "", null}) {
            assertThatThrownBy(() -> PullSourceId.parse(bad)).hasMessageStartingWith("FG-0600");
        }
    }
}
