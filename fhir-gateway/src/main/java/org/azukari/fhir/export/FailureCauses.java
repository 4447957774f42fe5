package org.azukari.fhir.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A failure's cause chain for the application log: each exception's class, and its message only
 * when the message is the bank's own (it starts with a catalogue code such as {@code TB-0413}, and
 * the bank's messages name codes and ids, never health data). A library's message may quote what
 * it was given, so it is left out.
 */
final class FailureCauses {

    private static final Pattern OWN_MESSAGE = Pattern.compile("[A-Z]{2}-\\d{4}\\b.*", Pattern.DOTALL);
    private static final int MAX_DEPTH = 8;

    private FailureCauses() {
    }

    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && parts.size() < MAX_DEPTH && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            boolean own = message != null && OWN_MESSAGE.matcher(message).matches() && message.length() <= 200
                    && message.indexOf('\n') < 0;
            parts.add(t.getClass().getSimpleName() + (own ? " (" + message + ")" : ""));
        }
        return String.join(" <- ", parts);
    }
}
