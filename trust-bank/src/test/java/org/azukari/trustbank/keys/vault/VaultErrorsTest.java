package org.azukari.trustbank.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jopenlibs.vault.VaultException;
import java.net.ConnectException;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.ResidentKeyDestroyedException;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.KeyId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VaultErrorsTest {

    private final KeyId key = KeyId.random();

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void forStatus_refused_isDenied(int status) {
        assertThat(VaultErrors.forStatus(Operation.UNWRAP, status, key, false))
                .isInstanceOf(KeyVaultDeniedException.class)
                .hasMessage("TB-0102 key vault denied unwrap, key " + key);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 307, 408, 412, 429, 472, 473, 500, 502, 503, 504})
    void forStatus_sealedFailingOrBusy_isUnavailable(int status) {
        assertThat(VaultErrors.forStatus(Operation.WRAP, status, key, false))
                .isInstanceOf(KeyVaultUnavailableException.class)
                .hasMessageStartingWith("TB-0101 key vault unavailable (wrap, key " + key);
    }

    @Test
    void forStatus_badRequestOnUnwrap_isOneOpaqueUnreadable() {
        assertThat(VaultErrors.forStatus(Operation.UNWRAP, 400, key, false))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessage("TB-0201 wrapped data key unreadable");
    }

    @Test
    void forStatus_badRequestElsewhere_isAnUnexpectedRefusal() {
        assertThat(VaultErrors.forStatus(Operation.ROTATE, 400, key, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("TB-0104");
    }

    @Test
    void forStatus_notFoundWithoutErrorText_isKeyDestroyed() {
        assertThat(VaultErrors.forStatus(Operation.READ, 404, key, true)).isInstanceOf(ResidentKeyDestroyedException.class);
    }

    @Test
    void forStatus_notFoundWithErrorText_isAMissingMountNotAnErasedResident() {
        assertThat(VaultErrors.forStatus(Operation.READ, 404, key, false)).isInstanceOf(KeyVaultUnavailableException.class);
    }

    @Test
    void unreachable_chainsOnlyTheNetworkCause_notTheDriverMessageWithItsBody() {
        ConnectException refused = new ConnectException("Connection refused");
        VaultException driver = new VaultException(new IllegalStateException("wrapper", refused));

        KeyVaultUnavailableException error = VaultErrors.unreachable(Operation.UNWRAP, key, driver);

        assertThat(error.getCause()).isSameAs(refused);
        assertThat(error).hasMessage("TB-0101 key vault unreachable (unwrap, key " + key + ")");
    }

    @Test
    void unreachable_whenInterrupted_keepsTheInterruptFlag() {
        VaultException driver = new VaultException(new IllegalStateException("wrapper", new InterruptedException()));

        VaultErrors.unreachable(Operation.UNWRAP, key, driver);

        assertThat(Thread.interrupted()).isTrue();
    }

}
