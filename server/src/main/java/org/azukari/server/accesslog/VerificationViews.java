package org.azukari.server.accesslog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.RecordedVerification;
import org.azukari.consent.api.VerificationRun;
import org.azukari.consent.api.VerifiedBy;
import org.azukari.identity.api.Caller;

/**
 * Verifications as the auditor API answers them: the verdict's fields as before
 * ({@code intact, entriesChecked, checkpointsChecked, firstBadSequence, finding}), and whether and as
 * what the run went into the history.
 */
final class VerificationViews {

    private VerificationViews() {
    }

    /** The signed-in auditor (the filter chain lets only auditors with an account through). */
    static VerifiedBy auditor() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller && caller.account().isPresent()) {
            return new VerifiedBy(caller.account().get().toString());
        }
        throw new IllegalStateException("no auditor behind /api/audit");
    }

    static Map<String, Object> run(VerificationRun run) {
        Map<String, Object> view = verdict(run.verdict());
        view.put("recorded", run instanceof VerificationRun.Recorded);
        if (run instanceof VerificationRun.Recorded recorded) {
            view.putAll(history(recorded.entry()));
        }
        return view;
    }

    static Map<String, Object> recorded(RecordedVerification entry) {
        Map<String, Object> view = history(entry);
        view.putAll(verdict(entry.verdict()));
        return view;
    }

    private static Map<String, Object> history(RecordedVerification entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("verification", entry.id());
        view.put("verifiedAt", entry.at().toString());
        view.put("verifiedBy", entry.by().value());
        return view;
    }

    private static Map<String, Object> verdict(ChainVerification verdict) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("intact", verdict.intact());
        view.put("entriesChecked", verdict.entriesChecked());
        view.put("checkpointsChecked", verdict.checkpointsChecked());
        view.put("firstBadSequence", verdict.firstBadSequence().orElse(null));
        view.put("finding", verdict.finding());
        return view;
    }
}
