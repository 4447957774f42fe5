package org.azukari.ui.portal.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityControllerTest {

    @Test
    void csvCells_thatASpreadsheetWouldRun_areDefused_andSeparatorsAreQuoted() {
        assertThat(ActivityController.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ActivityController.cell("+1")).isEqualTo("'+1");
        assertThat(ActivityController.cell("@SUM")).isEqualTo("'@SUM");
        assertThat(ActivityController.cell("Observation 2, Condition 1")).isEqualTo("\"Observation 2, Condition 1\"");
        assertThat(ActivityController.cell("READ")).isEqualTo("READ");
        assertThat(ActivityController.cell("")).isEmpty();
    }
}
