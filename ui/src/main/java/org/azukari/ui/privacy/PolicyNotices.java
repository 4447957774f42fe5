package org.azukari.ui.privacy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.PrivacyAcknowledgements;
import org.springframework.stereotype.Component;

/**
 * Whether a person's portal home page tells them about the privacy policy: when the version in
 * force is newer than the one they last acknowledged ({@code changed}), or when they never
 * acknowledged one ({@code unread}).
 */
@Component
public final class PolicyNotices {

    private final PrivacyPolicy policy;
    private final PrivacyAcknowledgements acknowledgements;

    PolicyNotices(PrivacyPolicy policy, PrivacyAcknowledgements acknowledgements) {
        this.policy = policy;
        this.acknowledgements = acknowledgements;
    }

    /** The notice: the version in force, its day, and whether an earlier one had been acknowledged. */
    public record Notice(int version, LocalDate effective, boolean changed) {
    }

    public Optional<Notice> forAccount(Optional<AccountId> account) {
        if (account.isEmpty()) {
            return Optional.empty();
        }
        PrivacyPolicy.Version current = policy.current();
        OptionalInt acknowledged = acknowledgements.acknowledged(account.get());
        if (acknowledged.isPresent() && acknowledged.getAsInt() >= current.number()) {
            return Optional.empty();
        }
        return Optional.of(new Notice(current.number(), current.effective(), acknowledged.isPresent()));
    }
}
