package org.azukari.trustbank.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for marker strings in raw bytes (database files, dumps, logs) as UTF-8 and as
 * UTF-16, which is how a Java string would land in a heap-like page.
 */
public final class MarkerScan {

    private MarkerScan() {
    }

    /** The markers found anywhere under {@code root} (a file or a directory tree). */
    public static List<String> hitsUnder(Path root, Collection<String> markers) {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (String marker : markers) {
                    if (contains(bytes, marker)) {
                        hits.add(marker + " in " + file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    public static boolean contains(byte[] haystack, String marker) {
        return indexOf(haystack, marker.getBytes(StandardCharsets.UTF_8)) >= 0
                || indexOf(haystack, marker.getBytes(StandardCharsets.UTF_16BE)) >= 0
                || indexOf(haystack, marker.getBytes(StandardCharsets.UTF_16LE)) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
