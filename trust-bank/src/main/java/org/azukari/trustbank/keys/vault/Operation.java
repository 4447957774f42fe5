package org.azukari.trustbank.keys.vault;

/** What the bank was doing when the vault answered; named in error messages, never with data. */
enum Operation {
    LOGIN, CREATE, WRAP, UNWRAP, ROTATE, RETIRE, DESTROY, READ;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
