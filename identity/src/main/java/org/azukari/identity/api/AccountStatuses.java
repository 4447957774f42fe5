package org.azukari.identity.api;

/**
 * Disabling and enabling people's accounts, and the check the web edge makes on every request of
 * a session: a disabled account's sessions stop working at its next request, on every instance,
 * because the status is read from the store each time (nothing cached).
 */
public interface AccountStatuses {

    /** Sets the status; refused ({@code ID-0140}) for an unknown account. Idempotent. */
    void setStatus(AccountId account, AccountStatus status);

    /**
     * Whether an operator disabled the account. Accounts are never deleted, so an id the store does
     * not hold is one a realm of its own vouched for, and is not disabled. A store that does not
     * answer throws (a {@code RuntimeException}); the caller must read that neither as "disabled"
     * nor as "active".
     */
    boolean isDisabled(AccountId account);
}
