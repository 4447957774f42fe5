/**
 * The public vocabulary of consent-policy: identifiers and categories that other modules
 * may depend on. Everything outside this package is internal to the module.
 */
package org.azukari.consent.api;
