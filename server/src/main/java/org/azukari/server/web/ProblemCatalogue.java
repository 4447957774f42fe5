package org.azukari.server.web;

import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.ErrorCode;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.IdentityError;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.ui.web.UiError;
import org.springframework.http.HttpStatus;

/**
 * The codes the JSON APIs may answer with; each is told with its catalogued meaning (the module
 * catalogues, docs/errors.md). The code comes from the exception ({@link Coded}), never from its
 * message, whose text (ids, field names) is never sent. An exception without a code, or with one
 * not listed here, is answered with the generic code of its status.
 */
final class ProblemCatalogue {

    /** What the client is told: a known code and its catalogued message. */
    record Problem(String code, String message) {

        static Problem of(ErrorCode code) {
            return new Problem(code.code(), code.meaning());
        }
    }

    /** Every code an API answers with by itself; add one here when an API can raise it. */
    static final Set<ErrorCode> ANSWERED = Set.of(
            FhirGatewayError.OP_0400, FhirGatewayError.OP_0403, FhirGatewayError.OP_0404, FhirGatewayError.OP_0409,
            FhirGatewayError.OP_0503, FhirGatewayError.OP_0001, FhirGatewayError.OP_0002, FhirGatewayError.OP_0003,
            FhirGatewayError.OP_0004, FhirGatewayError.OP_0006, FhirGatewayError.AL_0001, FhirGatewayError.AL_0002,
            FhirGatewayError.AL_0003, FhirGatewayError.AL_0004, FhirGatewayError.AL_0005, FhirGatewayError.AL_0006,
            FhirGatewayError.OP_0021, FhirGatewayError.FG_0600, FhirGatewayError.FG_0601, FhirGatewayError.FG_0602,
            FhirGatewayError.FG_0603, FhirGatewayError.FG_0604, FhirGatewayError.FG_0605, FhirGatewayError.FG_0606,
            FhirGatewayError.FG_0607, FhirGatewayError.FG_0701, FhirGatewayError.FG_0705, FhirGatewayError.FG_0708,
            FhirGatewayError.FG_0716, FhirGatewayError.FG_0801, FhirGatewayError.FG_0802, FhirGatewayError.FG_0803,
            FhirGatewayError.FG_0804, FhirGatewayError.FG_0805, FhirGatewayError.EX_0708, FhirGatewayError.EX_0723,
            FhirGatewayError.OP_0030,
            UiError.DS_0001, UiError.DS_0002, UiError.DS_0101, UiError.DS_0102, UiError.DS_0103, UiError.DS_0104,
            UiError.DS_0110,
            IdentityError.ID_0001, IdentityError.ID_0002, IdentityError.ID_0003, IdentityError.ID_0004,
            IdentityError.ID_0100, IdentityError.ID_0101, IdentityError.ID_0102, IdentityError.ID_0103,
            IdentityError.ID_0104, IdentityError.ID_0105, IdentityError.ID_0106, IdentityError.ID_0107,
            IdentityError.ID_0108, IdentityError.ID_0109, IdentityError.ID_0130, IdentityError.ID_0131,
            IdentityError.ID_0132, IdentityError.ID_0133, IdentityError.ID_0134, IdentityError.ID_0140,
            IdentityError.ID_0141, IdentityError.ID_0150, IdentityError.ID_0160, IdentityError.ID_0201,
            IdentityError.ID_0202, IdentityError.ID_0203, IdentityError.ID_0204, IdentityError.ID_0205,
            IdentityError.ID_0206, IdentityError.ID_0207, IdentityError.ID_0208, IdentityError.ID_0209,
            IdentityError.ID_0210, IdentityError.ID_0211, IdentityError.ID_0212, IdentityError.ID_0213,
            IdentityError.ID_0214, IdentityError.ID_0215, IdentityError.ID_0216, IdentityError.ID_0170,
            ConsentPolicyError.CP_0001, ConsentPolicyError.CP_0002, ConsentPolicyError.CP_0101,
            ConsentPolicyError.CP_0102, ConsentPolicyError.CP_0103, ConsentPolicyError.CP_0110,
            ConsentPolicyError.CP_0120, ConsentPolicyError.CP_0173, ConsentPolicyError.CP_0201,
            ConsentPolicyError.CP_0202, ConsentPolicyError.CP_0203, ConsentPolicyError.CP_0204,
            ConsentPolicyError.CP_0205, ConsentPolicyError.CP_0206, ConsentPolicyError.CP_0207,
            ConsentPolicyError.CP_0208, ConsentPolicyError.CP_0209, ConsentPolicyError.CP_0210,
            ConsentPolicyError.CP_0211, ConsentPolicyError.CP_0212, ConsentPolicyError.CP_0220,
            ConsentPolicyError.CP_0221, ConsentPolicyError.CP_0230, ConsentPolicyError.CP_0231,
            ConsentPolicyError.CP_0232, ConsentPolicyError.CP_0233, ConsentPolicyError.CP_0234,
            ConsentPolicyError.CP_0250, ConsentPolicyError.CP_0251, ConsentPolicyError.CP_0252,
            ConsentPolicyError.CP_0301, ConsentPolicyError.CP_0302, ConsentPolicyError.CP_0303,
            ConsentPolicyError.CP_0304, ConsentPolicyError.CP_0305, ConsentPolicyError.CP_0306,
            ConsentPolicyError.CP_0401, ConsentPolicyError.CP_0402, ConsentPolicyError.CP_0404,
            ConsentPolicyError.CP_0410);

    private ProblemCatalogue() {
    }

    static ProblemCatalogue load() {
        return new ProblemCatalogue();
    }

    /** The catalogued problem for the code {@code e} carries, else the status's generic one. */
    Problem forException(HttpStatus status, Throwable e) {
        return carried(e).filter(ANSWERED::contains).map(Problem::of).orElseGet(() -> generic(status));
    }

    static Optional<ErrorCode> carried(Throwable e) {
        return e instanceof Coded coded ? Optional.ofNullable(coded.errorCode()) : Optional.empty();
    }

    Optional<Problem> known(ErrorCode code) {
        return Optional.of(code).filter(ANSWERED::contains).map(Problem::of);
    }

    Problem generic(HttpStatus status) {
        ErrorCode code = switch (status) {
            case FORBIDDEN -> FhirGatewayError.OP_0403;
            case NOT_FOUND -> FhirGatewayError.OP_0404;
            case CONFLICT -> FhirGatewayError.OP_0409;
            case SERVICE_UNAVAILABLE -> FhirGatewayError.OP_0503;
            default -> FhirGatewayError.OP_0400;
        };
        return Problem.of(code);
    }
}
