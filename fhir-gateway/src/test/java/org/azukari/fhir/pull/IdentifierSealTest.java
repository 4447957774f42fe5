package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.azukari.consent.api.ResidentId;
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
}
