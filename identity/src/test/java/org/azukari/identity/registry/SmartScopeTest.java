package org.azukari.identity.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.azukari.identity.api.SmartScope;
import org.azukari.identity.api.SmartScopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmartScopeTest {

    @Test
    void parse_systemV2Scope_keepsTypeAndInteractions() {
        SmartScope scope = SmartScope.parse("system/Observation.rs");

        assertThat(scope.resourceType()).isEqualTo("Observation");
        assertThat(scope.permissions()).isEqualTo("rs");
        assertThat(scope.permits("Observation", 'r')).isTrue();
        assertThat(scope.permits("Observation", 'c')).isFalse();
        assertThat(scope.permits("Patient", 'r')).isFalse();
        assertThat(scope).hasToString("system/Observation.rs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"system/Observation.read", "system/Observation.*", "patient/Observation.rs",
            "user/Observation.rs", "system/Observation.sr", "system/Observation.rr", "system/Observation.",
            "system/observation.rs", "system/Observation.rs?category=laboratory", "launch", "openid",
            "system/Observation.rsx", "system//Observation.rs", " system/Observation.rs"})
    void parse_anythingButASystemV2Scope_isRefusedWithoutEcho(String text) {
        assertThatThrownBy(() -> SmartScope.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ID-0212").hasMessageNotContaining(text.trim());
    }

    @Test
    void intersect_keepsOnlyWhatBothAllow() {
        SmartScope all = SmartScope.parse("system/Observation.cruds");
        SmartScope read = SmartScope.parse("system/Observation.rs");
        SmartScope anyRead = SmartScope.parse("system/*.rs");

        assertThat(all.intersect(read)).contains(read);
        assertThat(anyRead.intersect(SmartScope.parse("system/Patient.cr"))).contains(SmartScope.parse("system/Patient.r"));
        assertThat(SmartScope.parse("system/Patient.rs").intersect(read)).isEmpty();
        assertThat(SmartScope.parse("system/Bundle.c").intersect(SmartScope.parse("system/Bundle.rs"))).isEmpty();
    }

    @Test
    void scopes_parseSpaceSeparated_andPrintSorted() {
        SmartScopes scopes = SmartScopes.parse("system/Patient.rs  system/Bundle.c");

        assertThat(scopes.text()).isEqualTo("system/Bundle.c system/Patient.rs");
        assertThat(scopes.permits("Bundle", 'c')).isTrue();
        assertThat(scopes.permits("Bundle", 'r')).isFalse();
    }
}
