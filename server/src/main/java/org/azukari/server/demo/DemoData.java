package org.azukari.server.demo;

import java.nio.file.Path;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.trustbank.api.TrustBank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Synthetic demo data for {@code infra/run --demo}: one of every organisation and principal
 * kind ({@link DemoPrincipals}), and a few medical, care and payment records for the demo
 * resident and e-resident. Registered once per data directory. Every value is made up.
 */
@Component
@ConditionalOnProperty(name = "azukari.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final TrustBank trustBank;
    private final DemoPrincipals principals;
    private final Path dataDir;

    DemoData(TrustBank trustBank, OrganisationRegistry organisations, PeopleRegistry people,
             PrivacyAssessments assessments, @Value("${azukari.data-dir:./data}") Path dataDir) {
        this.trustBank = trustBank;
        this.principals = new DemoPrincipals(organisations, people, assessments, dataDir);
        this.dataDir = dataDir;
    }

    @Override
    public void run(ApplicationArguments args) {
        Path credentials = dataDir.resolve(DemoPrincipals.CREDENTIALS_FILE).toAbsolutePath();
        if (principals.alreadyRegistered()) {
            System.out.println("Demo principals were registered before; their credentials are in " + credentials);
            return;
        }
        DemoPrincipals.Registered registered = principals.register();
        for (PersonAccount account : registered.residents()) {
            ResidentId resident = account.resident().orElseThrow();
            trustBank.enrol(resident);
            trustBank.storeAll(resident, DemoRecords.of(resident));
        }
        // Printed, not logged: the log file must never hold a password.
        System.out.println("Demo principals (also in " + credentials + "):");
        registered.lines().forEach(line -> System.out.println("  " + line));
        log.info("Demo data loaded: {} principals, records for {} residents", registered.lines().size(),
                registered.residents().size());
    }
}
