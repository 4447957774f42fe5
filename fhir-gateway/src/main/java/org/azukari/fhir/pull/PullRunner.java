package org.azukari.fhir.pull;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.azukari.fhir.ingest.Ingest;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.TrustBank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one target: claim it (so no two runs overlap, on this node or another), open its sealed
 * identifier, pull, and write the cursor the pull ended with. Logs ids and codes only.
 */
public final class PullRunner {

    private static final Logger log = LoggerFactory.getLogger(PullRunner.class);

    private final PullStore store;
    private final IdentifierSeal seal;
    private final TargetPuller puller;
    private final PullPolicy policy;
    private final TrustBank bank;
    private final Clock clock;

    PullRunner(PullStore store, IdentifierSeal seal, TargetPuller puller, PullPolicy policy, TrustBank bank,
               Clock clock) {
        this.store = store;
        this.seal = seal;
        this.puller = puller;
        this.policy = policy;
        this.bank = bank;
        this.clock = clock;
    }

    /** Builds the runner and the puller it drives. */
    public static PullRunner assemble(PullStore store, IdentifierSeal seal, Upstreams upstreams,
                                      OrganisationRegistry organisations, Ingest ingest, TrustBank bank,
                                      PullPolicy policy, Clock clock) {
        return new PullRunner(store, seal, new TargetPuller(upstreams, organisations, ingest, policy), policy, bank,
                clock);
    }

    public PullOutcome run(PullTarget target) {
        Instant now = clock.instant();
        Optional<PullCursor> claimed = store.claim(target, now, now.minus(policy.lease()));
        if (claimed.isEmpty()) {
            return new PullOutcome(target, PullOutcome.Kind.SKIPPED, 0, Optional.empty());
        }
        PullCursor cursor = claimed.get();
        String runId = "pull-" + UUID.randomUUID();
        try {
            if (bank.enrolment(target.resident()) == Enrolment.ERASED) {
                // not even fetched: the ingest would refuse it (FG-0315), and the bank has no business
                // reading an erased resident's records from anywhere
                throw new PullFailure(FhirGatewayError.FG_0622,
                        "the resident erased their data; nothing is pulled for them");
            }
            PullSource source = store.source(target.source())
                    .orElseThrow(() -> new PullFailure(FhirGatewayError.FG_0606, "unknown pull source"));
            UpstreamIdentifier identifier = seal.open(target, store.sealedIdentifier(target)
                    .orElseThrow(() -> new PullFailure(FhirGatewayError.FG_0620,
                            "the sealed upstream identifier is missing")));
            TargetPuller.Result result = puller.pull(source, identifier, cursor, runId);
            finish(target, cursor, cursor.succeeded(result.highWater(), result.pulled(), result.created(),
                    clock.instant(), policy.interval()));
            log.info("FG-0650 pull {} of source {} for resident {}: {} resources in {} pages, {} new", runId,
                    target.source(), target.resident(), result.pulled(), result.pages(), result.created());
            return new PullOutcome(target, PullOutcome.Kind.SUCCEEDED, result.pulled(), Optional.empty());
        } catch (PullFailure failure) {
            return failed(target, cursor, runId, failure.error());
        } catch (RuntimeException unexpected) {
            // the class name only: an exception's message may quote what the source sent
            return failed(target, cursor, runId, new PullError(FhirGatewayError.FG_0699,
                    "unexpected failure (" + unexpected.getClass().getSimpleName() + ")"));
        }
    }

    private PullOutcome failed(PullTarget target, PullCursor cursor, String runId, PullError error) {
        PullCursor after = cursor.failed(error, clock.instant(), policy.backoff());
        finish(target, cursor, after);
        log.warn("{} pull {} of source {} for resident {} failed (attempt {}, next at {})", error.code(), runId,
                target.source(), target.resident(), after.attempts(), after.nextAttemptAt());
        return new PullOutcome(target, PullOutcome.Kind.FAILED, 0, Optional.of(error));
    }

    private void finish(PullTarget target, PullCursor claimed, PullCursor after) {
        if (!store.release(target, claimed, after)) {
            log.warn("FG-0651 pull of source {} for resident {} lost its claim (lease {}); its cursor was not written",
                    target.source(), target.resident(), policy.lease());
        }
    }
}
