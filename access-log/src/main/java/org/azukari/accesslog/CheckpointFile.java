package org.azukari.accesslog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The copy of every checkpoint that lives outside the database: a text file, one
 * {@link Checkpoint#line()} per line, only ever appended to and forced to disk before the
 * checkpoint counts. Nothing here rewrites or truncates it; an operator may make it
 * append-only at the file-system level ({@code chattr +a}) or ship it to write-once storage.
 * A database rewrite cannot reach it, which is what lets the verifier see a truncated tail or
 * a consistently rewritten chain.
 */
public final class CheckpointFile {

    private final Path path;

    public CheckpointFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    public synchronized void append(Checkpoint checkpoint) {
        byte[] line = (checkpoint.line() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CP-0131 checkpoint file cannot be written", e);
        }
    }

    /** Opens the file for one pass in file order (bounded memory); a missing file reads as empty. */
    public Lines lines() {
        return lines(Long.MAX_VALUE);
    }

    /** Like {@link #lines()}, but ends after the first {@code limit} lines (those present at some earlier moment). */
    public Lines lines(long limit) {
        try {
            return new Lines(exists() ? Files.newBufferedReader(path, StandardCharsets.UTF_8) : null, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("CP-0132 checkpoint file cannot be read", e);
        }
    }

    /** One pass over the file. {@link #current()} is {@code null} for a malformed line. */
    public static final class Lines implements AutoCloseable {

        private final BufferedReader reader;
        private long left;
        private Checkpoint current;

        private Lines(BufferedReader reader, long limit) {
            this.reader = reader;
            this.left = limit;
        }

        /** Moves to the next line; false at the end. */
        public boolean advance() {
            if (reader == null || left <= 0) {
                return false;
            }
            left--;
            try {
                String line = reader.readLine();
                if (line == null) {
                    return false;
                }
                try {
                    current = Checkpoint.parse(line);
                } catch (IllegalArgumentException malformed) {
                    current = null;
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("CP-0132 checkpoint file cannot be read", e);
            }
        }

        public Checkpoint current() {
            return current;
        }

        @Override
        public void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // read-only; nothing to lose
                }
            }
        }
    }
}
