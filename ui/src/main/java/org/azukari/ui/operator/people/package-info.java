/**
 * Enrolment of residents and e-residents (with how their identity was verified) and their links to
 * the identifiers sources know them by.
 */
package org.azukari.ui.operator.people;
