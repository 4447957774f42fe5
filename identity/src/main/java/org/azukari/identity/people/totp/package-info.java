/** RFC 6238 time-based one-time passwords (HMAC-SHA-1, 6 digits, 30 s) and the RFC 4648 base32 they travel in. */
package org.azukari.identity.people.totp;
