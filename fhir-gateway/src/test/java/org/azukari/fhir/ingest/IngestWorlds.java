package org.azukari.fhir.ingest;

import java.nio.file.Path;
import org.azukari.consent.api.ResidentId;

/** The ingest pipeline of {@link IngestWorld} for tests outside this package (the FHIR server's). */
public final class IngestWorlds {

    private IngestWorlds() {
    }

    /** The pipeline on an embedded bank in {@code directory}, with one resident enrolled at the hospital as {@code system|value}. */
    public static Ingest withOneResident(Path directory, ResidentId resident, String system, String value) {
        IngestWorld world = new IngestWorld(directory);
        world.enrol(resident, system, value);
        return world.ingest;
    }

    /** The hospital the pipeline takes input from. */
    public static String hospital() {
        return IngestWorld.HOSPITAL.value();
    }
}
