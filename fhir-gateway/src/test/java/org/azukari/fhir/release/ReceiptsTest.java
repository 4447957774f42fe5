package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.consent.api.VerificationKey;
import org.azukari.trustbank.keys.local.LocalMasterKey;
import org.azukari.trustbank.signing.LocalCheckpointSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Receipts with the embedded default's real signer (a P-256 key sealed under the local master
 * key) and the real receipt table: a verifier finds the key by the id the receipt names, as
 * {@code /.well-known/azukari-receipt-keys} publishes it, and checks it with plain JCA; a receipt
 * that cannot be kept is a 503 with the release logged as failed. The transit key in OpenBao is
 * covered by {@code VaultTransitCheckpointSignerIT} and {@code FhirReleaseProductionIT}.
 */
class ReceiptsTest {

    @TempDir
    Path directory;

    ReleaseWorld world;
    LocalCheckpointSigner signer;
    Receipts receipts;

    @BeforeEach
    void receipts() {
        world = new ReleaseWorld(directory);
        signer = new LocalCheckpointSigner(directory.resolve("checkpoint-signing.key"),
                LocalMasterKey.fromFile(directory.resolve("master.key"), true));
        receipts = new Receipts(signer, world.tables, world.embedded.accessLog, Clock.systemUTC());
    }

    ReceiptFacts facts(String requestId) {
        return new ReceiptFacts(world.resident, world.caller(requestId), AccessAction.SEARCH,
                List.of(new ConsentVersionRef("consent-1", 1)), new TreeSet<>(List.of("MEDICAL/laboratory")), 1, false);
    }

    @Test
    void aReceipt_namesTheKeyThatSignedIt_byItsPublishedId_andThatKeyVerifiesItWithPlainJca() throws Exception {
        for (int receipt = 0; receipt < 2; receipt++) {
            Receipts.Signed signed = receipts.issue(facts("req-" + receipt), "{\"resourceType\":\"Bundle\"}"
                    .getBytes(StandardCharsets.UTF_8));

            String kid = new ObjectMapper().readTree(signed.json()).get("signingKey").asText();
            VerificationKey published = signer.verificationKeys().stream().filter(k -> k.keyId().equals(kid))
                    .findFirst().orElseThrow(() -> new AssertionError("no published key has the id " + kid));
            assertThat(signed.signature()).startsWith(kid + ":");
            Signature jca = Signature.getInstance("SHA256withECDSA");
            jca.initVerify(published.publicKey());
            jca.update(signed.json().getBytes(StandardCharsets.UTF_8));
            assertThat(jca.verify(Base64.getDecoder().decode(signed.signature().substring(kid.length() + 1)))).isTrue();
        }
    }

    @Test
    void aReceiptThatCannotBeKept_isRefusedWith503_andTheReleaseIsLoggedAsFailed() {
        new JdbcTemplate(world.dataSource).execute("ALTER TABLE fg_release_receipt RENAME TO fg_release_receipt_gone");

        assertThatThrownBy(() -> receipts.issue(facts("req-lost"), new byte[0]))
                .isInstanceOfSatisfying(ReleaseRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.code()).isEqualTo("FG-0714");
                });
        assertThat(world.embedded.accessLog.entries()).filteredOn(e -> e.entry().requestId().equals("req-lost"))
                .singleElement().satisfies(e -> {
                    assertThat(e.entry().reason()).isEqualTo("release-failed");
                    assertThat(e.entry().action()).isEqualTo(AccessAction.SEARCH);
                    assertThat(e.entry().consents()).containsExactly("consent-1");
                });
    }
}
