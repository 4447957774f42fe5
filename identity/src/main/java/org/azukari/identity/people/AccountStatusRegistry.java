package org.azukari.identity.people;

import java.time.Clock;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AccountStatus;
import org.azukari.identity.api.AccountStatuses;
import org.azukari.identity.api.IdentityError;

/** Account statuses over {@code id_account.disabled_at}. */
final class AccountStatusRegistry implements AccountStatuses {

    private final Accounts accounts;
    private final Clock clock;

    AccountStatusRegistry(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void setStatus(AccountId account, AccountStatus status) {
        boolean found = accounts.setDisabled(account,
                status == AccountStatus.DISABLED ? Optional.of(clock.instant()) : Optional.empty());
        if (!found) {
            throw new BadInputException(IdentityError.ID_0140, "unknown account");
        }
    }

    @Override
    public boolean isDisabled(AccountId account) {
        return accounts.byId(account).filter(AccountRow::disabled).isPresent();
    }
}
