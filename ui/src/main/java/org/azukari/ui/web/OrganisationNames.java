package org.azukari.ui.web;

import java.util.Map;
import java.util.stream.Collectors;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationRegistry;

/** Every organisation's display name by its id, read once per page (a page names many). */
public final class OrganisationNames {

    private OrganisationNames() {
    }

    public static Map<String, String> of(OrganisationRegistry organisations) {
        return organisations.organisations().stream()
                .collect(Collectors.toMap(o -> o.id().value(), Organisation::displayName, (a, b) -> a));
    }
}
