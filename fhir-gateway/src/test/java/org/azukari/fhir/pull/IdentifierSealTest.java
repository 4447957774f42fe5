package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.azukari.consent.api.ResidentId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdentifierSealTest {

    private static final byte[] KEY = key(7);
    private final IdentifierSeal seal = new IdentifierSeal(KEY);
    private final PullTarget target = new PullTarget(PullSourceId.random(), ResidentId.random());
    private final UpstreamIdentifier mrn = new UpstreamIdentifier("urn:oid:1.2.392.100495.20.3.51.1", "MRN-0042");

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void open_ofWhatWasSealed_givesTheIdentifierBack_andTheSealedBytesDoNotShowIt() {
        byte[] sealed = seal.seal(target, mrn);

        assertThat(seal.open(target, sealed)).isEqualTo(mrn);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("MRN-0042").doesNotContain("urn:oid");
        assertThat(sealed.length).isLessThanOrEqualTo(IdentifierSeal.MAX_SEALED_LENGTH);
    }

    @Test
    void seal_twice_givesDifferentBytes() {
        assertThat(seal.seal(target, mrn)).isNotEqualTo(seal.seal(target, mrn));
    }

    @Test
    void open_withAnotherTargetsContext_fails() {
        byte[] sealed = seal.seal(target, mrn);
        PullTarget otherResident = new PullTarget(target.source(), ResidentId.random());
        PullTarget otherSource = new PullTarget(PullSourceId.random(), target.resident());

        assertThatThrownBy(() -> seal.open(otherResident, sealed)).isInstanceOf(PullFailure.class).hasMessageStartingWith("FG-0620");
        assertThatThrownBy(() -> seal.open(otherSource, sealed)).hasMessageStartingWith("FG-0620");
    }

    @Test
    void open_tamperedTruncatedOrUnderAnotherKey_failsTheSameWay() {
        byte[] sealed = seal.seal(target, mrn);
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        byte[] wrongVersion = sealed.clone();
        wrongVersion[0] = 2;

        for (byte[] bad : new byte[][] {flipped, wrongVersion, Arrays.copyOf(sealed, 20), new byte[0], null}) {
            assertThatThrownBy(() -> seal.open(target, bad)).hasMessage("FG-0620 the sealed upstream identifier is unreadable");
        }
        assertThatThrownBy(() -> new IdentifierSeal(key(8)).open(target, sealed)).hasMessageStartingWith("FG-0620");
    }

    @Test
    void theSealAndTheIdentifier_showNoSecretWhenPrinted() {
        assertThat(seal.toString()).doesNotContain(Arrays.toString(KEY));
        assertThat(mrn.toString()).doesNotContain("MRN-0042");
        assertThat(new UpstreamCredential.Bearer("tok-secret").toString()).doesNotContain("tok-secret");
        assertThat(new UpstreamCredential.Basic("user", "pw-secret").toString()).doesNotContain("pw-secret");
    }

    /** Sealed by the hand-written AES-GCM code this class used before Tink (2026-12-07), under bytes 1…32. */
    private static final String SEALED_BEFORE_TINK = "0120df86a338d9b895b6ce3a0f22af1b71a2de4efe92b69472d433a7f3fcd211807c"
            + "9fd187bb6a3156c7ce91880d2dd620dfbfc3d83c8938fd70cbf1a81e4662ff67f9405a3d906b1b7321051176bef2b877f9";

    @Test
    void anIdentifierSealedBeforeTheMoveToTink_opensForItsTarget() {
        byte[] vectorKey = new byte[32];
        for (int i = 0; i < vectorKey.length; i++) {
            vectorKey[i] = (byte) (i + 1);
        }
        PullTarget sealedFor = new PullTarget(PullSourceId.parse("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"),
                ResidentId.parse("0b6a2f64-5a1e-4b57-9a0e-2d3c4b5a6f70"));

        assertThat(new IdentifierSeal(vectorKey).open(sealedFor, HexFormat.of().parseHex(SEALED_BEFORE_TINK)))
                .isEqualTo(new UpstreamIdentifier("urn:oid:1.2.392.100495.20.3.51.11311234567", "MRN-000123"));
    }
}
