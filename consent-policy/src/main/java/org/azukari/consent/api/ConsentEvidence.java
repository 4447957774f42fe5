package org.azukari.consent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a consent (or a request, or an answer) was given: the exact text shown, its language
 * ({@code ja} or {@code en}), the version of that text, the SHA-256 of the text (hex, over its
 * UTF-8 bytes, so a later reader can prove which wording was shown), when, and over which channel
 * ({@code portal}, {@code paper-at-counter}, {@code api}, ...). The text is not health data, but
 * {@link #toString()} leaves it out to keep logs short.
 */
public record ConsentEvidence(String text, String language, String textVersion, String textSha256, Instant at,
                              String channel) {

    public static final int MAX_TEXT = 4000;
    private static final Set<String> LANGUAGES = Set.of("ja", "en");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ConsentEvidence {
        Objects.requireNonNull(at);
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new BadInputException(ConsentPolicyError.CP_0206, "the consent text shown is required (at most " + MAX_TEXT
                    + " characters)");
        }
        if (language == null || !LANGUAGES.contains(language)) {
            throw new BadInputException(ConsentPolicyError.CP_0207, "the language must be ja or en");
        }
        if (textVersion == null || !VERSION.matcher(textVersion).matches()
                || channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0208, "malformed text version or channel");
        }
        if (textSha256 == null || !HASH.matcher(textSha256).matches() || !textSha256.equals(sha256(text))) {
            throw new BadInputException(ConsentPolicyError.CP_0209, "the text hash does not match the text");
        }
    }

    /** Evidence of {@code text} shown in {@code language}, hashing it here. */
    public static ConsentEvidence shown(String text, String language, String textVersion, Instant at,
                                        String channel) {
        return new ConsentEvidence(text, language, textVersion, text == null ? null : sha256(text), at, channel);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ConsentEvidence[" + language + ", v" + textVersion + ", sha256=" + textSha256.substring(0, 12)
                + "…, " + at + ", " + channel + "]";
    }
}
