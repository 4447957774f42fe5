package org.azukari.ui.records;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A measurement series drawn as an SVG line chart, computed on the server (no script: the content
 * security policy allows none): one line per value (two for blood pressure), the reference range
 * as a band, axis ticks, and the same numbers as a table for screen readers.
 */
public record Chart(String label, String unit, int count, int total, List<Line> lines, Optional<Band> band, List<Tick> yTicks,
                    List<Tick> xTicks, List<Row> rows) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 260;
    /** The latest measurements drawn per chart: enough for years of monthly tests, light on a phone. */
    public static final int MAX_POINTS = 100;
    static final int LEFT = 60;
    static final int RIGHT = 20;
    static final int TOP = 16;
    static final int BOTTOM = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

    /** One polyline ("x,y x,y …"), its points, and its name when a chart has several lines. */
    public record Line(String name, String points, List<Dot> dots) {
    }

    public record Dot(double x, double y, String title) {
    }

    /** The reference range: from y (top) with height. */
    public record Band(double y, double height, String text) {
    }

    /** An axis label; {@code anchor} keeps the first and last x labels inside the drawing. */
    public record Tick(double position, String text, String anchor) {
    }

    public record Row(String date, String value) {
    }

    /** Series with at least two dated values, the fullest first, at most {@code max}. */
    public static List<Chart> of(List<Measurement> measurements, ZoneId zone, int max) {
        Map<String, List<Measurement>> bySeries = measurements.stream()
                .collect(Collectors.groupingBy(Measurement::series, LinkedHashMap::new, Collectors.toList()));
        return bySeries.values().stream().filter(series -> series.size() >= 2)
                .sorted(Comparator.comparingInt((List<Measurement> s) -> s.size()).reversed()
                        .thenComparing(s -> s.get(0).label()))
                .limit(max).map(series -> draw(series, zone)).toList();
    }

    static Chart draw(List<Measurement> unsorted, ZoneId zone) {
        List<Measurement> all = unsorted.stream().sorted(Comparator.comparing(Measurement::at)).toList();
        List<Measurement> series = all.subList(Math.max(0, all.size() - MAX_POINTS), all.size());
        Measurement first = series.get(0);
        Optional<Double> low = series.stream().map(Measurement::low).flatMap(Optional::stream).findFirst();
        Optional<Double> high = series.stream().map(Measurement::high).flatMap(Optional::stream).findFirst();
        double min = series.stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).min().orElse(0);
        double max = series.stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        min = Math.min(min, low.orElse(min));
        max = Math.max(max, high.orElse(max));
        double pad = max == min ? Math.max(1, Math.abs(max) * 0.1) : (max - min) * 0.1;
        double bottom = min - pad;
        double top = max + pad;
        long start = series.get(0).at().getEpochSecond();
        long end = series.get(series.size() - 1).at().getEpochSecond();
        Scale scale = new Scale(start, Math.max(end, start + 1), bottom, top);

        int width = series.stream().mapToInt(m -> m.values().size()).max().orElse(1);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            int index = i;
            List<Dot> dots = series.stream().filter(m -> m.values().size() > index).map(m -> new Dot(
                    scale.x(m.at()), scale.y(m.values().get(index)),
                    DAY.format(m.at().atZone(zone)) + ": " + format(m.values().get(index)) + " " + m.unit())).toList();
            String points = dots.stream().map(d -> round(d.x()) + "," + round(d.y()))
                    .collect(Collectors.joining(" "));
            String name = first.parts().size() > index ? first.parts().get(index) : "";
            lines.add(new Line(name, points, dots));
        }
        Optional<Band> band = low.isPresent() && high.isPresent()
                ? Optional.of(new Band(scale.y(high.get()), scale.y(low.get()) - scale.y(high.get()),
                        format(low.get()) + "–" + format(high.get()) + " " + first.unit()))
                : Optional.empty();
        double step = niceStep((top - bottom) / 4);
        List<Tick> yTicks = new ArrayList<>();
        for (double value = Math.ceil(bottom / step) * step; value <= top + step / 1e6; value += step) {
            yTicks.add(new Tick(scale.y(value), format(value, step), "end"));
        }
        List<Tick> xTicks = new ArrayList<>();
        for (int i = 0; i <= 3; i++) {
            long seconds = scale.start + (scale.end - scale.start) * i / 3;
            Instant at = Instant.ofEpochSecond(seconds);
            xTicks.add(new Tick(scale.x(at), MONTH.format(at.atZone(zone)), i == 0 ? "start" : i == 3 ? "end" : "middle"));
        }
        List<Row> rows = series.stream().map(m -> new Row(DAY.format(m.at().atZone(zone)),
                m.values().stream().map(Chart::format).collect(Collectors.joining("/")) + " " + m.unit())).toList();
        return new Chart(first.label(), first.unit(), series.size(), all.size(), lines, band, yTicks, xTicks, rows);
    }

    private record Scale(long start, long end, double bottom, double top) {

        double x(Instant at) {
            return LEFT + (double) (at.getEpochSecond() - start) / (end - start) * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return TOP + (top - value) / (top - bottom) * (HEIGHT - TOP - BOTTOM);
        }
    }

    /** 1, 2 or 5 times a power of ten: steps a reader can add up in their head. */
    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    /** A tick value with as many decimals as its step needs. */
    static String format(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        return new java.math.BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.valueOf(Math.round(value));
        }
        return new java.math.BigDecimal(value).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private static String round(double value) {
        return String.valueOf(Math.round(value * 10) / 10.0);
    }
}
