package org.azukari.server;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link AuditKindsMigration} on H2 in PostgreSQL mode, the embedded default's database. */
class AuditKindsMigrationTest {

    @Test
    void v20_11_onH2_keepsTheKindsStored_takesTheAuditKinds_andStillRefusesUnknownOnes() {
        AuditKindsMigration.run(new DriverManagerDataSource("jdbc:h2:mem:kinds-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", ""));
    }
}
