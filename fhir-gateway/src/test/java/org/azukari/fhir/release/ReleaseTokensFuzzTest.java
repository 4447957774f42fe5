package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;

/**
 * Coverage-guided fuzzing of the two tokens a caller hands the release (docs/fhir-release.md):
 * page tokens ({@code _page}) and share codes. Properties: a page token that is not one the bank
 * made for this caller and scope is refused with 400 FG-0712 and nothing else (no 500, no page
 * of someone else's search, no page the bank did not sign); a share code other than the issued one (in any spelling people
 * use: lower case, spaces, dashes) names no resident, and never throws.
 */
class ReleaseTokensFuzzTest {

    private static final ResidentId RESIDENT = new ResidentId(UUID.fromString("00000000-0000-4000-8000-00000000000a"));
    private static final ReleaseCaller CALLER = new ReleaseCaller("clinic-1", "emr-1", new Purpose("treatment"), "fuzz");
    private static final PageTokens PAGES = new PageTokens(ReleaseWorld.secrets(), Clock.systemUTC());
    private static final String GENUINE_PAGE = PAGES.next(CALLER, "Observation", "patient=abc", 20);
    private static final MemoryCodes STORE = new MemoryCodes();
    private static final ShareCodes CODES = new ShareCodes(STORE, ReleaseWorld.secrets(), Duration.ofMinutes(15),
            Clock.systemUTC());
    private static final String ISSUED = CODES.issue(RESIDENT).code();

    @FuzzTest
    void open_anyPageTokenOrShareCode_refusesAllButTheGenuineOne(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            String token = data.consumeBoolean() ? tampered(data) : data.consumeRemainingAsString();
            try {
                PageTokens.Page page = PAGES.open(CALLER, "Observation", token);
                // base64 padding may be added to a genuine token: it still names only the page the bank signed
                assertThat(page).as("only the token the bank made opens").isEqualTo(new PageTokens.Page("patient=abc", 20));
            } catch (ReleaseRefusedException refused) {
                assertThat(token).isNotEqualTo(GENUINE_PAGE);
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.code()).isEqualTo("FG-0712");
            }
        } else {
            String code = data.consumeRemainingAsString();
            Optional<ResidentId> holder = CODES.holder(code);
            String spelled = code.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
            assertThat(holder.isPresent()).as("only the issued code names its resident")
                    .isEqualTo(spelled.equals(ISSUED) && code.length() <= 32);
            holder.ifPresent(found -> assertThat(found).isEqualTo(RESIDENT));
        }
    }

    /** The genuine page token with a few characters replaced, cut or added. */
    private static String tampered(FuzzedDataProvider data) {
        StringBuilder token = new StringBuilder(GENUINE_PAGE);
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits && token.length() > 0; i++) {
            int at = data.consumeInt(0, token.length() - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> token.setCharAt(at, data.consumeChar());
                case 1 -> token.deleteCharAt(at);
                default -> token.insert(at, data.consumeChar());
            }
        }
        return token.toString();
    }

    /** Share codes by keyed hash in memory, with the store's rules (unused, unexpired). */
    private static final class MemoryCodes implements ShareCodeStore {
        private final Map<ByteBuffer, Map.Entry<ResidentId, Instant>> codes = new ConcurrentHashMap<>();

        @Override
        public void save(byte[] codeHash, ResidentId resident, Instant expiresAt) {
            codes.put(ByteBuffer.wrap(codeHash.clone()), Map.entry(resident, expiresAt));
        }

        @Override
        public Optional<ResidentId> holder(byte[] codeHash, Instant now) {
            return Optional.ofNullable(codes.get(ByteBuffer.wrap(codeHash))).filter(e -> e.getValue().isAfter(now))
                    .map(Map.Entry::getKey);
        }

        @Override
        public Optional<ResidentId> redeem(byte[] codeHash, Instant now) {
            return holder(codeHash, now);
        }
    }
}
