package org.azukari.fhir.release;

/**
 * How one recipient names what it receives: the resident by the recipient's pseudonym, every
 * record by an id of its own ({@link Pseudonyms#recordId}), so nothing in a release is the same
 * string another recipient received.
 */
record RecipientNames(String recipient, RecipientPseudonym patient, Pseudonyms pseudonyms) {

    String recordId(String type, String bankId) {
        return pseudonyms.recordId(recipient, type, bankId);
    }
}
