package org.azukari.server.operator;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ErrorCode;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.server.web.NotFound;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The only way back after an erasure: an operator enrols the person anew, having established
 * their identity again (assurance level and proofing method, by the registration's rules). The
 * new proofing and an access-log entry (actor the operator, the resident, action {@code ENROL},
 * reason {@code new-enrolment}) are written in one transaction; then the trust bank starts a new
 * custody under a new key. Records that sources send afterwards are taken in again through the
 * resident's enrolment links, which the erasure kept.
 *
 * <p>Only for a resident who erased their data: anyone else answers 409 ({@code OP-0020}), since
 * their custody starts with their first record. The key vault unavailable answers 503 with
 * {@code Retry-After} ({@code OP-0503}); asking again finishes it.
 */
@RestController
@RequestMapping(path = "/api/operator/residents/{account}/new-enrolment", produces = MediaType.APPLICATION_JSON_VALUE)
class NewEnrolmentController {

    static final String RETRY_AFTER_SECONDS = "30";

    private final PeopleRegistry people;
    private final TrustBank bank;
    private final AccessLog accessLog;
    private final TransactionOperations transactions;

    NewEnrolmentController(PeopleRegistry people, TrustBank bank, AccessLog accessLog,
                           TransactionOperations transactions) {
        this.people = people;
        this.bank = bank;
        this.accessLog = accessLog;
        this.transactions = transactions;
    }

    record ProofingForm(AssuranceLevel assurance, ProofingMethod proofing) {
    }

    /** Raised when the resident has not erased their data. */
    static final class NotErased extends RuntimeException implements Coded {
        static final String DETAIL =
                "the resident has not erased their data; their custody starts with their first record";

        NotErased() {
            super(FhirGatewayError.OP_0020.message(DETAIL), null, false, false);
        }

        @Override
        public FhirGatewayError errorCode() {
            return FhirGatewayError.OP_0020;
        }
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> enrolAnew(@PathVariable String account, @RequestBody ProofingForm form) {
        Forms.require(form != null && form.assurance() != null && form.proofing() != null,
                "assurance and proofing are required");
        PersonAccount person = people.findAccount(new AccountId(Forms.uuid(account)))
                .filter(found -> found.kind().isResident())
                .orElseThrow(() -> new NotFound("no such resident account"));
        ResidentId resident = person.resident().orElseThrow();
        if (bank.enrolment(resident) != Enrolment.ERASED) {
            throw new NotErased();
        }
        AccountId operator = operator();
        transactions.executeWithoutResult(status -> {
            people.recordProofing(person.account(), form.assurance(), form.proofing());
            // appendAll, not append: a group commit may write on another thread, outside this transaction
            accessLog.appendAll(List.of(AccessLogEntry.administration(new AccessActor(AccessActor.Kind.OPERATOR,
                    operator.toString(), Optional.empty(), Optional.empty()), Optional.of(resident), AccessAction.ENROL,
                    "new-enrolment", Optional.of(person.account().toString()))));
        });
        bank.enrolAnew(resident);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("account", person.account().toString(),
                "enrolment", bank.enrolment(resident).name()));
    }

    @ExceptionHandler(NotErased.class)
    ProblemDetail notErased(NotErased e) {
        return problem(HttpStatus.CONFLICT, e.errorCode(), NotErased.DETAIL);
    }

    @ExceptionHandler({KeyVaultUnavailableException.class, KeyVaultDeniedException.class})
    ResponseEntity<ProblemDetail> keyVaultUnavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, FhirGatewayError.OP_0503,
                        "the key vault is unavailable; no new custody was started, ask again later"));
    }

    private static ProblemDetail problem(HttpStatus status, ErrorCode errorCode, String detail) {
        String code = errorCode.code();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:azukari:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }

    private static AccountId operator() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller && caller.account().isPresent()) {
            return caller.account().get();
        }
        throw new IllegalStateException("no operator behind an operator endpoint");
    }
}
