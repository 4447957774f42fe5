package org.azukari.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void csvCells_thatASpreadsheetWouldRun_areDefused_andSeparatorsAreQuoted() {
        assertThat(CsvCells.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvCells.cell("+1")).isEqualTo("'+1");
        assertThat(CsvCells.cell("@SUM")).isEqualTo("'@SUM");
        assertThat(CsvCells.cell("Observation 2, Condition 1")).isEqualTo("\"Observation 2, Condition 1\"");
        assertThat(CsvCells.cell("READ")).isEqualTo("READ");
        assertThat(CsvCells.cell("")).isEmpty();
    }
}
