package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The share-code exchange over the real code and pseudonym tables (H2) in one real transaction,
 * with the decision point and consent requests as seams that throw their own
 * {@link ConsentUnavailableException} and the in-memory access log switched off: whatever is
 * down, the clinic is told 503 and nothing changes — the code still works, no pseudonym is
 * remembered, nothing is logged. The real consent store going away is tested over HTTP
 * ({@code FhirReleaseTest}), and on PostgreSQL in consent-policy's ITs.
 */
class ShareCodeExchangeTest {

    @TempDir
    Path directory;

    ReleaseWorld world;
    ShareCodes codes;
    ResidentId stranger;
    final List<ResidentId> requested = new ArrayList<>();
    volatile boolean requestsDown;

    @BeforeEach
    void exchange() {
        world = new ReleaseWorld(directory);
        codes = new ShareCodes(world.tables, ReleaseWorld.secrets(), Duration.ofMinutes(15), Clock.systemUTC());
        stranger = new ResidentId(java.util.UUID.randomUUID());
        world.embedded.bank.enrol(stranger);
    }

    ShareCodeExchange exchanger() {
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(world.dataSource));
        ConsentRequests requests = (resident, recipient, purpose) -> {
            if (requestsDown) {
                throw new ConsentUnavailableException("consent store down (test switch)", null);
            }
            requested.add(resident);
        };
        return new ShareCodeExchange(codes, world.introductions, question -> world.decisions.decide(question),
                new ShareCodeExchange.Writes(requests, world.embedded.accessLog, new ReleaseTransactions() {
                    @Override
                    public <T> T inOne(java.util.function.Supplier<T> work) {
                        return template.execute(status -> work.get());
                    }
                }), Clock.systemUTC());
    }

    @Test
    void whenConsentDecisionsAreUnavailable_theClinicGets503_andTheCodeStillWorks() {
        String code = codes.issue(stranger).code();
        ConsentDecisionPoint up = world.decisions;
        world.decisions = question -> {
            throw new ConsentUnavailableException("consent store down (test switch)", null);
        };

        assertRefused503(code, "FG-0703");

        world.decisions = up;
        assertThat(exchanger().exchange(world.caller("req-2"), code).getIdPart())
                .isEqualTo(world.introductions.pseudonyms().of(ReleaseWorld.CLINIC, stranger).value());
    }

    @Test
    void whenTheConsentRequestCannotBeFiled_theClinicGets503_andNothingChanges() {
        String code = codes.issue(stranger).code();
        world.decisions = question -> new ConsentDecisionPoint.Deny(ConsentDecisionPoint.DenyReason.NO_CONSENT);
        requestsDown = true;

        assertRefused503(code, "FG-0703");

        requestsDown = false;
        exchanger().exchange(world.caller("req-2"), code);
        assertThat(requested).containsExactly(stranger);
    }

    @Test
    void whenTheAccessLogIsDown_theClinicGets503_andNothingChanges() {
        String code = codes.issue(stranger).code();
        world.embedded.accessLog.goDown();

        assertRefused503(code, "FG-0706");

        world.embedded.accessLog.comeBack();
        exchanger().exchange(world.caller("req-2"), code);
        assertThat(world.embedded.accessLog.entries()).extracting(e -> e.entry().reason())
                .containsExactly("share-code-exchanged");
    }

    private void assertRefused503(String code, String expected) {
        assertThatThrownBy(() -> exchanger().exchange(world.caller("req-1"), code))
                .isInstanceOfSatisfying(ReleaseRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.code()).isEqualTo(expected);
                });
        assertThat(codes.holder(code)).as("the code is unused").contains(stranger);
        assertThat(world.tables.residentsOf(ReleaseWorld.CLINIC)).as("no pseudonym remembered")
                .doesNotContain(stranger);
        assertThat(world.embedded.accessLog.entries()).as("nothing logged").isEmpty();
    }
}
