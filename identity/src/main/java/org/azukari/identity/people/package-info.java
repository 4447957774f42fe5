/**
 * People's accounts: residents, e-residents, practitioners, operators and auditors.
 * Argon2id passwords (Shiro 2), lock-out with back-off, an optional TOTP second factor whose
 * secret is sealed with AES-256-GCM, enrolment links kept as keyed hashes, and the Shiro
 * {@link org.azukari.identity.people.PasswordRealm}. JDBC lives in {@code people.jdbc} alone.
 * Nothing personal beyond the username is kept: no name, no address, never the My Number.
 *
 * <p>Codes: ID-0100 inconsistent account; ID-0101 malformed username; ID-0102 password length;
 * ID-0103 password is the username; ID-0104 username not available; ID-0105 a 12-digit number
 * (My Number) refused; ID-0106 unknown organisation; ID-0107 proofing missing; ID-0108
 * e-resident not proofed remotely; ID-0109 practitioner's organisation not a clinic or hospital;
 * ID-0120 sign-in refused (the one answer to the caller); ID-0121..0128 sign-in event reasons
 * (signed in, signed in with code, unknown account, wrong password, while locked, lock started,
 * code missing, code wrong or reused); ID-0129 sign-in unavailable (the store or the log did not answer: 503, never a refusal); ID-0130/0131 malformed
 * identifier system/value; ID-0132 unknown resident; ID-0133 identifier linked to another
 * resident; ID-0134 organisation holds no records; ID-0135 sign-in event reason: the account is
 * disabled; ID-0136 a session's account status could not be read (the edge answers 503);
 * ID-0140 unknown account; ID-0141 second
 * factor already active; ID-0190..0196 configuration and crypto faults.
 */
package org.azukari.identity.people;
