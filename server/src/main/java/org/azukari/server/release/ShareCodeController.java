package org.azukari.server.release;

import java.util.Map;
import org.azukari.fhir.release.ShareCodes;
import org.azukari.identity.api.CallerPermission;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.SignedIn;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /portal/api/share-codes}: a signed-in resident or e-resident gets a one-time code
 * to show a clinic (the portal will render it as text and QR). The resident comes from the
 * session, never from the request.
 */
@RestController
class ShareCodeController {

    private final ShareCodes codes;

    ShareCodeController(ShareCodes codes) {
        this.codes = codes;
    }

    @PostMapping(path = "/portal/api/share-codes", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> issue() {
        ShareCodes.Issued issued = codes.issue(SignedIn.residentHolding(CallerPermission.MANAGE_OWN_DATA)
                .orElseThrow(() -> new NotFound("share codes are for residents")));
        return Map.of("code", issued.code(), "expiresAt", issued.expiresAt().toString());
    }
}
