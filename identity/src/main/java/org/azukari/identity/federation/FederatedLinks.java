package org.azukari.identity.federation;

import java.time.Instant;
import java.util.Optional;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.ProviderId;

/** Where subject hashes and proofing evidence are kept ({@code id_federated_link}, {@code id_proofing_evidence}). */
interface FederatedLinks {

    Optional<AccountId> accountFor(ProviderId provider, String subjectHash);

    /** False when the link exists already (another sign-in of the same person got there first). */
    boolean link(ProviderId provider, String subjectHash, AccountId account, Instant now);

    void recordEvidence(AccountId account, ProofingEvidence evidence, boolean accountCreated, Instant now);
}
