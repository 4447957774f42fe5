package org.azukari.identity.federation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.people.AccountRow;
import org.azukari.identity.people.Accounts;
import org.azukari.identity.people.Username;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the account a verified sign-in belongs to, or creates it: account, subject link and
 * evidence in one transaction, so a failure leaves nothing behind. A later sign-in through the
 * same provider with the same subject comes back to the same account (this is also how an account
 * is recovered: sign in again with the card). A created account has a random sign-in name and no
 * password; it signs in through its provider only.
 */
final class FederatedAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final FederatedLinks links;
    private final SubjectHashes hashes;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FederatedAccounts(Accounts accounts, FederatedLinks links, SubjectHashes hashes, TransactionTemplate transactions,
                      Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.hashes = hashes;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The account, and whether it was created by this sign-in. */
    record Outcome(PersonAccount account, boolean created) {
    }

    Outcome signIn(ProviderSettings provider, VerifiedSignIn signIn) {
        ProofingEvidence evidence = ProofingEvidence.of(provider, signIn);
        String subjectHash = hashes.hash(provider.id(), signIn.subject());
        Outcome outcome = transactions.execute(status -> {
            Instant now = clock.instant();
            Optional<AccountId> linked = links.accountFor(provider.id(), subjectHash);
            if (linked.isPresent()) {
                AccountRow row = accounts.byId(linked.get())
                        .orElseThrow(() -> new IllegalStateException("ID-0311 linked account missing"));
                if (row.disabled()) {
                    throw new FederatedSignInException(IdentityError.ID_0305, "account disabled");
                }
                links.recordEvidence(row.account().account(), evidence, false, now);
                return new Outcome(row.account(), false);
            }
            PrincipalKind kind = AccountRule.kindFor(provider, signIn.address());
            PersonAccount account = new PersonAccount(AccountId.random(), kind, Optional.empty(),
                    Optional.of(ResidentId.random()), Optional.of(evidence.assurance()));
            if (accounts.insert(account, randomUsername(), Accounts.NO_PASSWORD, Optional.of(evidence.proofing()), now)
                    != Accounts.Insert.INSERTED) {
                throw new IllegalStateException("ID-0311 account not created");
            }
            if (!links.link(provider.id(), subjectHash, account.account(), now)) {
                // a concurrent first sign-in of the same person won: roll back and let them sign in again
                status.setRollbackOnly();
                return null;
            }
            links.recordEvidence(account.account(), evidence, true, now);
            return new Outcome(account, true);
        });
        if (outcome == null) {
            return signIn(provider, signIn);
        }
        return outcome;
    }

    /** Not derived from anything the provider sent: {@code id-} and 20 random hex digits (no 12-digit run). */
    private static Username randomUsername() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        // interleave a letter so that no run of 12 digits can occur (the My Number guard)
        return new Username("id-" + hex.substring(0, 10) + "x" + hex.substring(10));
    }
}
