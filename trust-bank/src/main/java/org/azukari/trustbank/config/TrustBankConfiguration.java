package org.azukari.trustbank.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.custody.EncryptedTrustBank;
import org.azukari.trustbank.erasure.ErasureLedger;
import org.azukari.trustbank.erasure.Eraser;
import org.azukari.trustbank.erasure.ErasureJournal;
import org.azukari.trustbank.erasure.FileErasureLedger;
import org.azukari.trustbank.keys.DataKeyCache;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.keys.KeyVault;
import org.azukari.trustbank.keys.local.LocalKeyStoreCheck;
import org.azukari.trustbank.keys.local.LocalKeyDirectory;
import org.azukari.trustbank.keys.local.LocalKeyVault;
import org.azukari.trustbank.keys.local.LocalMasterKey;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitKeyVault;
import org.azukari.trustbank.records.RecordStore;
import org.azukari.trustbank.records.jdbc.JdbcRecordStore;
import org.azukari.trustbank.signing.LocalCheckpointSigner;
import org.azukari.trustbank.signing.VaultTransitCheckpointSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the trust bank from {@link TrustBankProperties}. A bad key-vault configuration fails
 * the start, not the first request. Erasures in the ledger are re-applied before the bank
 * takes its first call.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrustBankProperties.class)
public class TrustBankConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrustBankConfiguration.class);

    @Bean
    KeyVault keyVault(TrustBankProperties properties, @Value("${azukari.data-dir:./data}") Path dataDir) {
        TrustBankProperties.KeyVault settings = properties.keyVault();
        if (settings == null || settings.kind() == TrustBankProperties.Kind.LOCAL) {
            return localKeyVault(settings == null ? null : settings.local(), dataDir);
        }
        return new VaultTransitKeyVault(vaultSettings(settings.vault()));
    }

    private static KeyVault localKeyVault(TrustBankProperties.Local local, Path dataDir) {
        Path keys = keyDirectory(local, dataDir);
        LocalMasterKey master = localMasterKey(local, dataDir);
        log.info("Trust bank key vault: local, key directory {}", keys.toAbsolutePath());
        return new LocalKeyVault(new LocalKeyDirectory(keys, master));
    }

    private static Path keyDirectory(TrustBankProperties.Local local, Path dataDir) {
        return local != null && local.keyDirectory() != null ? local.keyDirectory() : dataDir.resolve("keys");
    }

    /** A new master key is made only while no key file exists: one sealed under a lost key stays refused (TB-0415). */
    private static LocalMasterKey localMasterKey(TrustBankProperties.Local local, Path dataDir) {
        if (local != null && local.masterKey() != null && !local.masterKey().isBlank()) {
            return LocalMasterKey.fromBase64(local.masterKey());
        }
        Path file = local != null && local.masterKeyFile() != null ? local.masterKeyFile() : dataDir.resolve("master.key");
        boolean mayCreate = (local == null || local.createMasterKeyFile())
                && !LocalKeyDirectory.holdsKeyFiles(keyDirectory(local, dataDir));
        return LocalMasterKey.fromFile(file, mayCreate);
    }

    /**
     * Signs the access log's checkpoints with a key held where the residents' keys are: a
     * transit key in Vault/OpenBao (same address and credentials as the key vault), or a key
     * file in the data directory sealed under the local master key.
     */
    @Bean
    CheckpointSigner checkpointSigner(TrustBankProperties properties, @Value("${azukari.data-dir:./data}") Path dataDir,
            @Value("${azukari.trust-bank.checkpoint-signing.transit-key:" + VaultTransitCheckpointSigner.DEFAULT_KEY + "}")
            String transitKey) {
        TrustBankProperties.KeyVault settings = properties.keyVault();
        if (settings == null || settings.kind() == TrustBankProperties.Kind.LOCAL) {
            LocalMasterKey master = localMasterKey(settings == null ? null : settings.local(), dataDir);
            log.info("Checkpoint signer: local key file {}", dataDir.resolve(LocalCheckpointSigner.KEY_FILE_NAME).toAbsolutePath());
            return LocalCheckpointSigner.inDataDirectory(dataDir, master);
        }
        // Another key name needs the same grants in the bank's policy (infra/openbao/azukari-bank.hcl).
        log.info("Checkpoint signer: Vault transit key {}", transitKey);
        return new VaultTransitCheckpointSigner(vaultSettings(settings.vault()), transitKey);
    }

    static VaultKeyVaultSettings vaultSettings(TrustBankProperties.Vault vault) {
        if (vault == null || vault.address() == null || vault.address().isBlank()) {
            throw new BadInputException(TrustBankError.TB_0501, "azukari.trust-bank.key-vault.vault.address is required");
        }
        VaultKeyVaultSettings.Authentication auth = vault.auth() == TrustBankProperties.Auth.APPROLE
                ? new VaultKeyVaultSettings.AppRole(vault.approle().mount(), vault.approle().roleId(),
                        vault.approle().secretId())
                : VaultKeyVaultSettings.Authentication.token(vault.token());
        log.info("Trust bank key vault: Vault transit at {}, mount {}, auth {}", vault.address(), vault.transitMount(),
                vault.auth());
        return new VaultKeyVaultSettings(URI.create(vault.address()), vault.transitMount(), auth,
                vault.openTimeout(), vault.readTimeout());
    }

    @Bean
    RecordStore recordStore(DataSource dataSource) {
        return new JdbcRecordStore(dataSource);
    }

    @Bean
    DataKeyCache dataKeyCache(TrustBankProperties properties) {
        return new DataKeyCache(properties.keyCache().maximumKeys(), properties.keyCache().timeToLive());
    }

    @Bean
    ErasureLedger erasureLedger(TrustBankProperties properties, @Value("${azukari.data-dir:./data}") Path dataDir) {
        return new FileErasureLedger(properties.erasureLedger() != null
                ? properties.erasureLedger() : dataDir.resolve("erasure-ledger.txt"));
    }

    @Bean
    Eraser eraser(RecordStore store, KeyVault vault, DataKeyCache cache, ErasureLedger ledger, AccessLog accessLog) {
        return new Eraser(store, vault, cache, new ErasureJournal(ledger, accessLog), Clock.systemUTC());
    }

    /**
     * Once every bean (the database migrations included) is ready and before the web server takes
     * its first request: checks a local key store against the database (a lost key directory
     * refuses the start, TB-0417, rather than starting over empty), then re-applies the erasure ledger.
     */
    @Bean
    SmartInitializingSingleton keyStoreCheckAndErasureReplay(Eraser eraser, KeyVault vault, RecordStore store, ErasureLedger ledger) {
        return () -> {
            Optional<LocalKeyStoreCheck> check = vault instanceof LocalKeyVault local
                    ? Optional.of(local.startupCheck()) : Optional.empty();
            if (check.isPresent()) {
                Set<KeyId> erased = ledger.entries().stream().flatMap(e -> e.kek().stream()).collect(Collectors.toSet());
                check.get().beforeLedger(store.keyringKeys(), erased);
            }
            int reapplied = eraser.reapplyLedger();
            if (reapplied > 0) {
                log.warn("Re-applied {} erasures from the erasure ledger (erasures cut short, or a restored database"
                        + " holding erased residents)", reapplied);
            }
            check.ifPresent(c -> c.afterLedger(store.keyringKeys()));
        };
    }

    @Bean
    TrustBank trustBank(RecordStore store, KeyVault vault, DataKeyCache cache, Eraser eraser) {
        return new EncryptedTrustBank(store, vault, cache, eraser);
    }
}
