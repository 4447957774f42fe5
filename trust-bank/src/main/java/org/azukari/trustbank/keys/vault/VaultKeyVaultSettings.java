package org.azukari.trustbank.keys.vault;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the Vault/OpenBao transit engine. Validated at construction, so a bad
 * address or timeout fails the application's start, not its first request.
 *
 * <p>Plain {@code http} is accepted only for a loopback address: data keys cross this
 * connection in plaintext (base64), so anything that leaves the machine must be {@code https}.
 * The read timeout is applied in whole seconds (the driver's unit), rounded up.
 *
 * @param address       base URL of the vault, e.g. {@code https://vault.internal:8200}, no path
 * @param transitMount  where the transit engine is mounted, e.g. {@code transit}
 * @param auth          a fixed token, or an AppRole to log in with
 * @param openTimeout   how long to wait for a TCP connection
 * @param readTimeout   how long to wait for an answer once connected
 */
public record VaultKeyVaultSettings(URI address, String transitMount, Authentication auth,
                                    Duration openTimeout, Duration readTimeout) {

    public static final String DEFAULT_TRANSIT_MOUNT = "transit";
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    private static final Pattern MOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}(/[A-Za-z0-9_.\\-]{1,64}){0,3}");

    public VaultKeyVaultSettings {
        checkAddress(address);
        checkMount(transitMount, "transit mount");
        Objects.requireNonNull(auth, "vault authentication is required");
        checkTimeout(openTimeout, "open timeout", Duration.ofMillis(1));
        checkTimeout(readTimeout, "read timeout", Duration.ofSeconds(1));
    }

    /** The defaults: mount {@code transit}, 2 s to connect, 5 s to answer. */
    public static VaultKeyVaultSettings of(URI address, Authentication auth) {
        return new VaultKeyVaultSettings(address, DEFAULT_TRANSIT_MOUNT, auth, DEFAULT_OPEN_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** The address without a trailing slash, as the driver wants it. */
    String baseUrl() {
        String text = address.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The read timeout in whole seconds, rounded up. */
    int readTimeoutSeconds() {
        return (int) Math.max(1, (readTimeout.toMillis() + 999) / 1000);
    }

    private static void checkAddress(URI address) {
        if (address == null) {
            throw new IllegalArgumentException("vault address is required");
        }
        String scheme = address.getScheme();
        if (!address.isAbsolute() || address.isOpaque() || address.getHost() == null
                || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("vault address must be an http(s) URL with a host, e.g. https://vault:8200");
        }
        if (address.getRawUserInfo() != null || address.getRawQuery() != null || address.getRawFragment() != null
                || !(address.getRawPath() == null || address.getRawPath().isEmpty() || "/".equals(address.getRawPath()))) {
            throw new IllegalArgumentException("vault address must be scheme, host and port only, without path, query or user");
        }
        if ("http".equals(scheme) && !isLoopback(address.getHost())) {
            throw new IllegalArgumentException("vault address must use https unless it is a loopback address");
        }
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // a name: never resolved here, so never trusted as loopback
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static void checkMount(String mount, String what) {
        if (mount == null || !MOUNT.matcher(mount).matches()) {
            throw new IllegalArgumentException(what + " must be a mount path like 'transit' (no leading or trailing slash)");
        }
    }

    private static void checkTimeout(Duration timeout, String what, Duration minimum) {
        if (timeout == null || timeout.compareTo(minimum) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("vault " + what + " must be between " + minimum + " and " + MAX_TIMEOUT);
        }
    }

    /** How the bank proves itself to the vault. Secrets never appear in {@code toString()}. */
    public sealed interface Authentication permits Token, AppRole {

        static Authentication token(String token) {
            return new Token(token);
        }

        static Authentication appRole(String roleId, String secretId) {
            return new AppRole(AppRole.DEFAULT_MOUNT, roleId, secretId);
        }
    }

    /** A fixed token (e.g. issued by an agent); it is never renewed or replaced by the bank. */
    public record Token(String token) implements Authentication {

        public Token {
            checkSecret(token, "vault token");
        }

        @Override
        public String toString() {
            return "Token[redacted]";
        }
    }

    /**
     * An AppRole login. The bank logs in on first use, again shortly before the token's TTL
     * runs out, and once more when a call is refused because the token has expired.
     */
    public record AppRole(String mount, String roleId, String secretId) implements Authentication {

        public static final String DEFAULT_MOUNT = "approle";

        public AppRole {
            checkMount(mount, "AppRole mount");
            checkSecret(roleId, "AppRole role id");
            checkSecret(secretId, "AppRole secret id");
        }

        @Override
        public String toString() {
            return "AppRole[mount=" + mount + ", roleId=redacted, secretId=redacted]";
        }
    }

    private static void checkSecret(String value, String what) {
        if (value == null || value.isBlank() || value.length() > 1024 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be non-blank printable ASCII");
        }
    }
}
