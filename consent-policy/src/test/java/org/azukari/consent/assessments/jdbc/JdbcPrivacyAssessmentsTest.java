package org.azukari.consent.assessments.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.PrivacyAssessment;
import org.azukari.consent.api.PrivacyContact;
import org.azukari.consent.testing.ConsentWorld;
import org.junit.jupiter.api.Test;

class JdbcPrivacyAssessmentsTest {

    static final AssessmentSubject CLINIC = AssessmentSubject.recipient("clinic-a");
    final ConsentWorld world = new ConsentWorld();

    @Test
    void record_twice_keepsTheFirstVersionUnchanged_andTheNewestIsCurrent() {
        PrivacyAssessment first = world.assessments.record(CLINIC, ConsentWorld.assessmentTerms("Treatment"), "op-1");
        world.clock.advance(Duration.ofDays(30));
        PrivacyAssessment second = world.assessments.record(CLINIC, ConsentWorld.assessmentTerms("Treatment and"
                + " follow-up"), "op-2");

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(world.assessments.current(CLINIC)).contains(second);
        assertThat(world.assessments.history(CLINIC)).containsExactly(second, first);
        assertThat(world.assessments.history(CLINIC).get(1).terms().purpose()).isEqualTo("Treatment");
        assertThat(world.assessments.history(CLINIC).get(1).reviewer()).isEqualTo("op-1");
    }

    @Test
    void versions_areCountedPerSubject() {
        world.assessments.record(CLINIC, ConsentWorld.assessmentTerms("Treatment"), "op-1");
        AssessmentSubject request = AssessmentSubject.datasetRequest(DatasetRequestId.random());

        assertThat(world.assessments.record(request, ConsentWorld.assessmentTerms("Advice"), "op-1").version())
                .isEqualTo(1);
        assertThat(world.assessments.current(AssessmentSubject.recipient("clinic-b"))).isEmpty();
    }

    @Test
    void terms_withMissingOrOverlongTextsABadContactOrNoCategory_areRefusedWithTheirCodes() {
        PrivacyContact contact = new PrivacyContact("DPO", "https://clinic.example/privacy");
        Set<ConsentCategory> medical = ConsentWorld.categories("MEDICAL");

        assertThatThrownBy(() -> new AssessmentTerms(" ", medical, "r", "t", "k", "m", contact))
                .hasMessageStartingWith("CP-0401");
        assertThatThrownBy(() -> new AssessmentTerms("p".repeat(1001), medical, "r", "t", "k", "m", contact))
                .hasMessageStartingWith("CP-0401");
        assertThatThrownBy(() -> new AssessmentTerms("p", Set.of(), "r", "t", "k", "m", contact))
                .hasMessageStartingWith("CP-0211");
        assertThatThrownBy(() -> new PrivacyContact("DPO", "javascript:alert(1)")).hasMessageStartingWith("CP-0402");
        assertThatThrownBy(() -> new PrivacyContact("DPO", "http://plain.example")).hasMessageStartingWith("CP-0402");
        assertThatThrownBy(() -> new PrivacyContact("", "dpo@clinic.example")).hasMessageStartingWith("CP-0402");
        assertThat(new PrivacyContact("DPO", "dpo@clinic.example").href()).isEqualTo("mailto:dpo@clinic.example");
    }

    @Test
    void record_whenTheStoreIsGone_isUnavailable_andRecordsNothing() {
        world.sql.execute("DROP TABLE cp_privacy_assessment");

        assertThatThrownBy(() -> world.assessments.record(CLINIC, ConsentWorld.assessmentTerms("Treatment"), "op-1"))
                .isInstanceOf(ConsentUnavailableException.class).hasMessageStartingWith("CP-0210");
    }
}
