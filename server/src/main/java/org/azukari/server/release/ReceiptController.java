package org.azukari.server.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.azukari.fhir.release.ReceiptStore;
import org.azukari.identity.api.CallerPermission;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.SignedIn;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /portal/api/receipts}: the signed receipt of every release of the resident's data
 * (recipient, purpose, consents relied on, categories, count, hash of what was sent), as issued:
 * the canonical JSON and the bank's signature over it, so the resident can verify it too.
 */
@RestController
class ReceiptController {

    private static final int MAX = 500;

    private final ReceiptStore receipts;

    ReceiptController(ReceiptStore receipts) {
        this.receipts = receipts;
    }

    @GetMapping(path = "/portal/api/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> own() {
        return receipts.forResident(SignedIn.residentHolding(CallerPermission.MANAGE_OWN_DATA)
                .orElseThrow(() -> new NotFound("receipts are for residents")), MAX)
                .stream().map(ReceiptController::view).toList();
    }

    private static Map<String, Object> view(ReceiptStore.StoredReceipt receipt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", receipt.id());
        view.put("recipient", receipt.recipient());
        view.put("issuedAt", receipt.issuedAt().toString());
        view.put("receipt", receipt.json());
        view.put("signature", receipt.signature());
        return view;
    }
}
