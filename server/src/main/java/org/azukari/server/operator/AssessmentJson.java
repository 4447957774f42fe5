package org.azukari.server.operator;

import java.time.Instant;
import java.util.List;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.PrivacyAssessment;
import org.azukari.consent.api.PrivacyContact;
import org.azukari.identity.api.Caller;

/** A privacy impact assessment as the operator API takes it and answers it. */
final class AssessmentJson {

    private AssessmentJson() {
    }

    /** The body of {@code POST …/assessments}, and the {@code assessment} of an organisation's registration. */
    record Form(String purpose, List<String> dataItems, String recipients, String retention, String risks,
                String mitigations, String contactName, String contactReach) {

        AssessmentTerms terms() {
            Forms.require(purpose != null && dataItems != null && recipients != null && retention != null
                    && risks != null && mitigations != null && contactName != null && contactReach != null,
                    "purpose, dataItems, recipients, retention, risks, mitigations, contactName and contactReach"
                            + " are required");
            return new AssessmentTerms(purpose, dataItems.stream().map(item -> {
                Forms.require(item != null, "dataItems holds null");
                return ConsentCategory.parse(item);
            }).collect(java.util.stream.Collectors.toSet()), recipients, retention, risks, mitigations,
                    new PrivacyContact(contactName, contactReach));
        }
    }

    record Subject(String kind, String id) {
    }

    record Contact(String name, String reach) {
    }

    record View(Subject subject, int version, String purpose, List<String> dataItems, String recipients,
                String retention, String risks, String mitigations, Contact contact, String reviewer,
                Instant recorded) {

        static View of(PrivacyAssessment a) {
            AssessmentTerms t = a.terms();
            return new View(new Subject(a.subject().kind().name(), a.subject().id()), a.version(), t.purpose(),
                    t.dataItems().stream().map(ConsentCategory::toString).sorted().toList(), t.recipients(),
                    t.retention(), t.risks(), t.mitigations(), new Contact(t.contact().name(), t.contact().reach()),
                    a.reviewer(), a.recorded());
        }
    }

    /** The signed-in operator's account id: the reviewer an assessment names. */
    static String reviewer() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller && caller.account().isPresent()) {
            return caller.account().get().toString();
        }
        throw new IllegalStateException("no operator behind an operator endpoint");
    }
}
