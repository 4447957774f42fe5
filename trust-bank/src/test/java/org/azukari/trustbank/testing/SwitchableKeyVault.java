package org.azukari.trustbank.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.keys.DataKey;
import org.azukari.trustbank.keys.KeyContext;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.WrappedKey;

/**
 * A test fixture around a real key vault: counts unwraps and can be switched "down", when
 * every call fails as an unreachable vault does. For unit tests of the code above the seam;
 * the real outage is proven against OpenBao in {@code VaultOutageIT}.
 */
public final class SwitchableKeyVault implements KeyVault {

    private final KeyVault real;
    private final AtomicInteger unwraps = new AtomicInteger();
    private volatile boolean down;

    public SwitchableKeyVault(KeyVault real) {
        this.real = real;
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    public int unwraps() {
        return unwraps.get();
    }

    private void check() {
        if (down) {
            throw new KeyVaultUnavailableException("key vault unreachable (test switch)");
        }
    }

    @Override
    public void createKey(KeyId key) {
        check();
        real.createKey(key);
    }

    @Override
    public WrappedKey wrap(KeyId key, DataKey dataKey, KeyContext context) {
        check();
        return real.wrap(key, dataKey, context);
    }

    @Override
    public DataKey unwrap(KeyId key, WrappedKey wrapped, KeyContext context) {
        check();
        unwraps.incrementAndGet();
        return real.unwrap(key, wrapped, context);
    }

    @Override
    public void rotate(KeyId key) {
        check();
        real.rotate(key);
    }

    @Override
    public WrappedKey rewrap(KeyId key, WrappedKey wrapped, KeyContext context) {
        check();
        return real.rewrap(key, wrapped, context);
    }

    @Override
    public void retireVersionsBelow(KeyId key, int minimumVersion) {
        check();
        real.retireVersionsBelow(key, minimumVersion);
    }

    @Override
    public void destroy(KeyId key) {
        check();
        real.destroy(key);
    }

    @Override
    public boolean exists(KeyId key) {
        check();
        return real.exists(key);
    }
}
