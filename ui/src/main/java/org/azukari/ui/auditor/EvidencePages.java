package org.azukari.ui.auditor;

import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.RecordedVerification;
import org.azukari.consent.api.SignedCheckpoint;
import org.azukari.consent.api.SignedCheckpoints;
import org.azukari.consent.api.VerificationHistory;
import org.azukari.ui.operator.Times;
import org.azukari.ui.web.UiError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the log's integrity rests on, for the auditor to read: the history of verifications (who
 * verified when, and what each found) and the signed checkpoints with their keys, signatures and
 * where their copies outside the database live. Both newest first, paged by keyset; read-only.
 */
@Controller
class EvidencePages {

    static final int PAGE_SIZE = 50;

    private final VerificationHistory verifications;
    private final SignedCheckpoints checkpoints;

    EvidencePages(VerificationHistory verifications, SignedCheckpoints checkpoints) {
        this.verifications = verifications;
        this.checkpoints = checkpoints;
    }

    record VerificationRow(long id, String at, String by, boolean intact, long entries, long checkpoints,
                           String finding, String firstBad) {

        static VerificationRow of(RecordedVerification v) {
            return new VerificationRow(v.id(), Times.shown(v.at()), v.by().value(), v.verdict().intact(),
                    v.verdict().entriesChecked(), v.verdict().checkpointsChecked(), v.verdict().finding(),
                    v.verdict().firstBadSequence().map(String::valueOf).orElse(""));
        }
    }

    record CheckpointRow(String kind, long sequence, String at, String hash, String keyName, String keyId,
                         String signature, String signatureShort) {

        static CheckpointRow of(SignedCheckpoint c) {
            String signature = c.signature();
            return new CheckpointRow(c.kind(), c.sequence(), Times.shown(c.signedAt()), c.hash(), c.keyName(),
                    c.keyId(), signature, signature.length() <= 24 ? signature : signature.substring(0, 24) + "…");
        }
    }

    @GetMapping("/audit/verifications")
    String verifications(@RequestParam(defaultValue = "") String before, Model model) {
        history(verifications, before.isEmpty() ? Optional.empty() : Optional.of(number(before)), PAGE_SIZE, model);
        model.addAttribute("first", before.isEmpty());
        return "audit/verifications";
    }

    @GetMapping("/audit/checkpoints")
    String checkpoints(@RequestParam(defaultValue = "") String after, Model model) {
        Optional<SignedCheckpoint.CheckpointCursor> cursor = Optional.empty();
        if (!after.isEmpty()) {
            try {
                cursor = Optional.of(SignedCheckpoint.CheckpointCursor.parse(after));
            } catch (IllegalArgumentException e) {
                throw refused("after");
            }
        }
        List<SignedCheckpoint> found = checkpoints.newestFirst(cursor, PAGE_SIZE + 1);
        List<SignedCheckpoint> shown = found.subList(0, Math.min(found.size(), PAGE_SIZE));
        model.addAttribute("checkpoints", shown.stream().map(CheckpointRow::of).toList());
        model.addAttribute("next", found.size() > PAGE_SIZE ? shown.get(shown.size() - 1).cursor().token() : "");
        model.addAttribute("first", cursor.isEmpty());
        model.addAttribute("copies", checkpoints.witnessCopies());
        return "audit/checkpoints";
    }

    /** One page of the history into the model ({@code history}, {@code olderThan} for the next page's link). */
    static void history(VerificationHistory verifications, Optional<Long> before, int size, Model model) {
        List<RecordedVerification> found = verifications.newestFirst(before, size + 1);
        List<RecordedVerification> shown = found.subList(0, Math.min(found.size(), size));
        model.addAttribute("history", shown.stream().map(VerificationRow::of).toList());
        model.addAttribute("olderThan", found.size() > size ? String.valueOf(shown.get(shown.size() - 1).id()) : "");
    }

    private static long number(String text) {
        if (!text.matches("[1-9]\\d{0,17}")) {
            throw refused("before");
        }
        return Long.parseLong(text);
    }

    private static IllegalArgumentException refused(String field) {
        return new BadInputException(UiError.AU_0001, field + " is not valid");
    }
}
