package org.azukari.identity.people;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks for a marker in raw database files, as UTF-8 and as UTF-16 (either byte order). */
final class MarkerScan {

    private MarkerScan() {
    }

    static List<String> hitsUnder(Path root, String marker) {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (contains(bytes, marker.getBytes(StandardCharsets.UTF_8))
                        || contains(bytes, marker.getBytes(StandardCharsets.UTF_16BE))
                        || contains(bytes, marker.getBytes(StandardCharsets.UTF_16LE))) {
                    hits.add(file.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
