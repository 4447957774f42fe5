package org.azukari.trustbank.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Environment variables that integration tests need ({@code infra/test} sets them). A missing
 * one fails the test, naming the variable: an IT that silently skips proves nothing.
 */
public final class RequiredEnv {

    private RequiredEnv() {
    }

    public static String get(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fail("environment variable " + name + " is not set; run the integration tests through infra/test");
        }
        return value;
    }
}
