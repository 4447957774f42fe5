package org.azukari.ui.clinic;

/** The practitioner may not do this (403): a stable code only, never the input. */
final class ClinicRefused extends RuntimeException {

    private final String code;

    ClinicRefused(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
