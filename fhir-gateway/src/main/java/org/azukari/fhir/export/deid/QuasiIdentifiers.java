package org.azukari.fhir.export.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.azukari.fhir.export.deid.DeidentificationProfile.QuasiIdentifier;

/**
 * A person's quasi-identifiers as the dataset shows them, already generalised: an age band
 * ({@code "40-44"}, {@code "90+"}), a gender code and a location ({@code "JP-100"},
 * {@code "JP-東京都"}, {@code "US"}); {@value #UNKNOWN} when the source did not say.
 */
public record QuasiIdentifiers(String ageBand, String gender, String location) {

    public static final String UNKNOWN = "unknown";

    public QuasiIdentifiers {
        Objects.requireNonNull(ageBand, "ageBand");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(location, "location");
    }

    /** The values the k-anonymity check groups by, in {@link QuasiIdentifier} order. */
    public List<String> key(Set<QuasiIdentifier> checked) {
        List<String> key = new ArrayList<>(3);
        for (QuasiIdentifier identifier : QuasiIdentifier.values()) {
            if (checked.contains(identifier)) {
                key.add(switch (identifier) {
                    case AGE_BAND -> ageBand;
                    case GENDER -> gender;
                    case LOCATION -> location;
                });
            }
        }
        return List.copyOf(key);
    }
}
