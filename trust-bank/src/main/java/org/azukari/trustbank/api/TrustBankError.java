package org.azukari.trustbank.api;

import org.azukari.consent.api.ErrorCode;

/**
 * The error catalogue of trust-bank: custody, keys, records, erasure. One constant per code, each with one meaning; a new
 * code is added here and to docs/errors.md in the same commit ({@code ErrorCatalogueTest} checks both).
 */
public enum TrustBankError implements ErrorCode {

    TB_0101(503, "the key vault is unavailable; nothing was changed"),
    TB_0102(503, "the key vault refused the request"),
    TB_0103(0, "the resident's key was destroyed (the data is erased)"),
    TB_0104(0, "key vault refused the request"),
    TB_0105(0, "key vault answer malformed (public key of signing key)"),
    TB_0106(0, "vault driver configuration refused"),
    TB_0107(0, "a transit key exists with unsafe settings (exportable, plaintext backup or another type)"),
    TB_0108(503, "the local key store cannot be read; retry once it is restored"),
    TB_0201(0, "a stored record cannot be opened"),
    TB_0202(0, "no such record"),
    TB_0203(0, "the record's version moved on (conditional write)"),
    TB_0204(0, "a record that cannot be stored as given"),
    TB_0301(0, "the resident is not enrolled"),
    TB_0302(0, "the resident erased their data"),
    TB_0401(400, "malformed key id"),
    TB_0402(0, "AES-256 unavailable in this JVM"),
    TB_0403(400, "data key must be"),
    TB_0404(400, "malformed wrapped key"),
    TB_0405(400, "data key generation must be positive"),
    TB_0406(400, "cannot retire the latest version of key"),
    TB_0410(0, "cannot create key directory"),
    TB_0414(400, "the master key must be 32 bytes, base64-encoded"),
    TB_0415(0, "master key file"),
    TB_0416(0, "cannot read master key file"),
    TB_0417(0, "the local key directory"),
    TB_0418(0, "the local key directory … lacks the keys of … of … keyrings; those residents' records"),
    TB_0419(0, "created the empty local key directory … (the database holds no keyring)"),
    TB_0420(0, "data key generation"),
    TB_0430(0, "cannot create the erasure ledger's directory"),
    TB_0431(503, "the erasure ledger cannot be written; nothing was erased"),
    TB_0432(0, "the erasure ledger has a malformed line"),
    TB_0433(0, "cannot read the erasure ledger"),
    TB_0501(400, "azukari.trust-bank.key-vault.vault.address is required"),
    TB_0601(400, "signing key name must be lower-case letters, digits, '-' or '_'"),
    TB_0602(0, "checkpoint signing key"),
    TB_0603(0, "checkpoint signing key file"),
    TB_0604(0, "cannot generate an ECDSA P-256 key pair"),
    TB_0605(0, "cannot read or create checkpoint signing key file");

    private final int status;
    private final String meaning;

    TrustBankError(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
