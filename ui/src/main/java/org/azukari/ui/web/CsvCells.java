package org.azukari.ui.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as the pages export it (RFC 4180 lines, CRLF): every cell quoted when it needs to be, and
 * never a formula a spreadsheet would run (a cell starting with {@code = + - @}, a tab or a CR is
 * prefixed with {@code '}).
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** A CSV cell: quoted when needed, and never a formula a spreadsheet would run. */
    public static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** One line of cells, with its CRLF. */
    public static String line(List<String> values) {
        return values.stream().map(CsvCells::cell).collect(Collectors.joining(",")) + "\r\n";
    }
}
