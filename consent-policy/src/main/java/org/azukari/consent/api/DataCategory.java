package org.azukari.consent.api;

/**
 * The kinds of data a resident consents to release, in the words of the consent question
 * ("may we provide payment data and medical data?").
 */
public enum DataCategory {
    /** Electronic medical records from hospitals and clinics. */
    MEDICAL,
    /** Long-term-care (kaigo) records from care providers. */
    CARE,
    /** Medical bills, pharmacy and cashless payments, regional health points. */
    PAYMENT
}
