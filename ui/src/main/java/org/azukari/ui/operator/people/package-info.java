/** Enrolment of residents and e-residents (with how their identity was verified) and their links to sources' identifiers. */
package org.azukari.ui.operator.people;
