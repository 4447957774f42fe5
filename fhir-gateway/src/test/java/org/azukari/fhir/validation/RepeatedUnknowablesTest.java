package org.azukari.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.junit.jupiter.api.Test;

class RepeatedUnknowablesTest {

    private static final String UNKNOWN_SYSTEM = I18nConstants.TERMINOLOGY_PASSTHROUGH_TX_MESSAGE;
    private static final String FIRST = "Bundle.entry[3].resource/*Observation/a*/.code.coding[0]";
    private static final String SAME_KIND = "Bundle.entry[9].resource/*Observation/b*/.code.coding[2]";

    private final RepeatedUnknowables advisor = new RepeatedUnknowables();

    @Test
    void kindOf_locationWithIndexesAndResourceIds_keepsOnlyTheTypeAndElementPath() {
        assertThat(RepeatedUnknowables.kindOf(FIRST)).isEqualTo("Bundle.entry.resource:Observation.code.coding");
        assertThat(RepeatedUnknowables.kindOf(SAME_KIND)).isEqualTo(RepeatedUnknowables.kindOf(FIRST));
    }

    @Test
    void isSuppressMessageId_unknownCodeSystemAgainAtTheSameKindOfElement_holdsBackOnlyTheRepeat() {
        advisor.within(() -> {
            assertThat(advisor.isSuppressMessageId(FIRST, UNKNOWN_SYSTEM)).isFalse();
            assertThat(advisor.isSuppressMessageId(SAME_KIND, UNKNOWN_SYSTEM)).isTrue();
            assertThat(advisor.isSuppressMessageId("Bundle.entry[4].resource/*Condition/c*/.code.coding[0]",
                    UNKNOWN_SYSTEM)).isFalse();
            return null;
        });
    }

    @Test
    void isSuppressMessageId_errorsAndUnknownProfiles_areNeverHeldBack() {
        advisor.within(() -> {
            for (String id : new String[] {"Validation_VAL_Profile_Minimum", I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN,
                    I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY, "Terminology_TX_NoValid_2_CC"}) {
                assertThat(advisor.isSuppressMessageId(FIRST, id)).as(id).isFalse();
                assertThat(advisor.isSuppressMessageId(SAME_KIND, id)).as(id).isFalse();
            }
            return null;
        });
    }

    @Test
    void isSuppressMessageId_inANewValidation_reportsTheFirstAgain() {
        advisor.within(() -> advisor.isSuppressMessageId(FIRST, UNKNOWN_SYSTEM));

        boolean heldBack = advisor.within(() -> advisor.isSuppressMessageId(SAME_KIND, UNKNOWN_SYSTEM));

        assertThat(heldBack).isFalse();
    }

    @Test
    void isSuppressMessageId_outsideAValidation_holdsNothingBack() {
        assertThat(advisor.isSuppressMessageId(FIRST, UNKNOWN_SYSTEM)).isFalse();
        assertThat(advisor.isSuppressMessageId(SAME_KIND, UNKNOWN_SYSTEM)).isFalse();
    }
}
