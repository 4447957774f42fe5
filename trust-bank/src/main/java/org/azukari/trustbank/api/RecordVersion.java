package org.azukari.trustbank.api;

/** The version of a record; the first is 1 and each write adds one. */
public record RecordVersion(int value) {

    public static final RecordVersion FIRST = new RecordVersion(1);

    public RecordVersion {
        if (value < 1) {
            throw new InvalidRecordException("record version must be positive");
        }
    }

    public RecordVersion next() {
        return new RecordVersion(Math.addExact(value, 1));
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
