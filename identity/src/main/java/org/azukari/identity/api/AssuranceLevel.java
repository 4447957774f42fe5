package org.azukari.identity.api;

/**
 * How sure the bank is that a resident's or e-resident's account belongs to the person it
 * names (in the spirit of eIDAS / NIST 800-63 IAL). Ordered from weakest to strongest.
 */
public enum AssuranceLevel {
    LOW, SUBSTANTIAL, HIGH;

    public boolean atLeast(AssuranceLevel other) {
        return compareTo(other) >= 0;
    }
}
