package org.azukari.fhir.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureCausesTest {

    @Test
    void theChainIsNamed_withTheBanksOwnCodedMessages_andWithoutALibrarysMessage() {
        RuntimeException failure = new IllegalStateException("EX-0723 the request is no longer approved",
                new UncheckedIOException(new IOException("No space left on device: /exports/Patient HbA1c 7.9%")));

        assertThat(FailureCauses.describe(failure)).isEqualTo(
                "IllegalStateException (EX-0723 the request is no longer approved) <- UncheckedIOException <- IOException");
    }

    @Test
    void aCodedMessageSpanningLines_isLeftOut_andACycleEnds() {
        IllegalStateException first = new IllegalStateException("TB-0413 vault\nsealed");
        RuntimeException second = new RuntimeException("plain", first);
        first.initCause(second);

        assertThat(FailureCauses.describe(second)).isEqualTo("RuntimeException <- IllegalStateException");
    }
}
