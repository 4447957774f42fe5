package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.people.jdbc.JdbcPrivacyAcknowledgements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyAcknowledgementsTest {

    @TempDir
    Path directory;

    private JdbcPrivacyAcknowledgements acknowledgements;
    private AccountId account;

    @BeforeEach
    void aResident() {
        PeopleFixture fixture = new PeopleFixture(directory);
        acknowledgements = new JdbcPrivacyAcknowledgements(fixture.dataSource, Clock.systemUTC());
        account = fixture.people.registry().registerResident(PeopleFixture.credentials("hanako.kaga"),
                AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE).account();
    }

    @Test
    void acknowledged_beforeAnything_isEmpty_thenTheVersionRead() {
        assertThat(acknowledgements.acknowledged(account)).isEmpty();

        acknowledgements.acknowledge(account, 1);

        assertThat(acknowledgements.acknowledged(account)).hasValue(1);
    }

    @Test
    void acknowledge_anOlderVersionAfterANewer_keepsTheNewer() {
        acknowledgements.acknowledge(account, 3);
        acknowledgements.acknowledge(account, 2);
        acknowledgements.acknowledge(account, 3);

        assertThat(acknowledgements.acknowledged(account)).hasValue(3);
    }

    @Test
    void acknowledge_versionZero_isRefused() {
        assertThatThrownBy(() -> acknowledgements.acknowledge(account, 0)).hasMessageStartingWith("ID-0170");
        assertThat(acknowledgements.acknowledged(account)).isEmpty();
    }
}
