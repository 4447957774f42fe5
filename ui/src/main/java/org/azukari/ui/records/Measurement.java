package org.azukari.ui.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The numbers of one Observation, for charts: which series it belongs to (the first coding, else
 * the text), its label in the source's words, one value (or two: systolic and diastolic, named in
 * {@code parts}; empty for a single value), the unit, and the reference range when the source gave one.
 */
public record Measurement(String series, String label, Instant at, List<Double> values, List<String> parts,
                          String unit, Optional<Double> low, Optional<Double> high) {
}
