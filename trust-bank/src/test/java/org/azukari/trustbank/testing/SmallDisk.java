package org.azukari.trustbank.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real small file system for disk faults: a tmpfs of a few kilobytes mounted at a directory,
 * that a test can fill to the last byte (writes then fail with {@code ENOSPC}) or remount
 * read-only ({@code EROFS}). Permission bits do not stop root, which the tests run as, so a
 * read-only or full mount is the honest way to make storage unwritable. Mounting needs root with
 * {@code CAP_SYS_ADMIN}; without it the test fails, it does not skip.
 */
public final class SmallDisk implements AutoCloseable {

    private static final String FILLER = ".filler";
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 256k}) at {@code mountPoint}, made if missing. */
    public static SmallDisk mount(Path mountPoint, String size) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new AssertionError("cannot make the mount point " + mountPoint, e);
        }
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a file until the file system has no byte left. */
    public void fill() {
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve(FILLER))) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // ENOSPC: what we wanted; the bytes written so far stay
        }
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve(FILLER + "-tail"))) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // the last partial block is used up too
        }
    }

    /** Frees what {@link #fill()} took. */
    public void free() {
        try {
            Files.deleteIfExists(mountPoint.resolve(FILLER));
            Files.deleteIfExists(mountPoint.resolve(FILLER + "-tail"));
        } catch (IOException e) {
            throw new AssertionError("cannot free the small disk", e);
        }
    }

    public void readOnly() {
        run("mount", "-o", "remount,ro", mountPoint.toString());
    }

    public void writable() {
        run("mount", "-o", "remount,rw", mountPoint.toString());
    }

    @Override
    public void close() {
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (root with CAP_SYS_ADMIN is needed): "
                        + output);
            }
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
