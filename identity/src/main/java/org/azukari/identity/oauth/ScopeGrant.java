package org.azukari.identity.oauth;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.azukari.identity.api.SmartScope;
import org.azukari.identity.api.SmartScopes;

/**
 * Granted = requested ∩ allowed, interaction by interaction: {@code system/Observation.cruds}
 * asked by a client allowed {@code system/Observation.rs} is granted {@code system/Observation.rs};
 * {@code system/*.rs} asked by a client allowed {@code system/Observation.rs} is granted that.
 * Never more than asked, never more than allowed. Grants for one resource type are merged into
 * one scope.
 */
final class ScopeGrant {

    private static final String ORDER = "cruds";

    private ScopeGrant() {
    }

    static SmartScopes grant(SmartScopes requested, Set<SmartScope> allowed) {
        Map<String, String> byType = new TreeMap<>();
        for (SmartScope asked : requested.scopes()) {
            for (SmartScope may : allowed) {
                asked.intersect(may).ifPresent(s -> byType.merge(s.resourceType(), s.permissions(), ScopeGrant::union));
            }
        }
        Set<SmartScope> granted = new LinkedHashSet<>();
        byType.forEach((type, permissions) -> granted.add(new SmartScope(type, permissions)));
        return new SmartScopes(granted);
    }

    private static String union(String a, String b) {
        StringBuilder both = new StringBuilder();
        for (char c : ORDER.toCharArray()) {
            if (a.indexOf(c) >= 0 || b.indexOf(c) >= 0) {
                both.append(c);
            }
        }
        return both.toString();
    }
}
