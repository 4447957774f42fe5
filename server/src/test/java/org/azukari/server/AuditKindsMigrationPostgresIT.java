package org.azukari.server;

import org.azukari.trustbank.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** {@link AuditKindsMigration} on the real PostgreSQL of infra/test, in a schema of its own. */
class AuditKindsMigrationPostgresIT {

    @Test
    void v20_11_onPostgres_keepsTheKindsStored_takesTheAuditKinds_andStillRefusesUnknownOnes() {
        try (PostgresDatabase database = new PostgresDatabase()) {
            AuditKindsMigration.run(database.dataSource());
        }
    }
}
