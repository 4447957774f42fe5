package org.azukari.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OrganisationRegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * What the JSON APIs tell a client about an exception: a catalogued code and its catalogued
 * message, nothing of the exception's own text. Bodies are checked as Jackson writes them.
 */
class ApiErrorsTest {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    private final ApiErrors errors = new ApiErrors();

    private static String body(ProblemDetail problem) throws Exception {
        return JSON.writeValueAsString(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Yamada Taro 1980-04-01 HbA1c 7.9",
        "For input string: \"taro.yamada@example.jp\"",
        "No enum constant org.azukari.identity.api.OrganisationKind.Yamada Taro",
        "Yamada-Taro",
        "XX-9999 Yamada Taro",
        "ID-01049 Yamada Taro",
        "id-0104 Yamada Taro",
    })
    void badInput_withoutACataloguedCode_answersTheGeneric400_andNothingOfTheMessage(String message) throws Exception {
        ProblemDetail problem = errors.badInput(new IllegalArgumentException(message));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).containsEntry("code", "OP-0400");
        assertThat(problem.getDetail()).isEqualTo("the request could not be used; nothing was changed");
        assertThat(body(problem)).doesNotContainIgnoringCase("yamada").doesNotContainIgnoringCase("taro")
                .doesNotContain("1980").doesNotContain("OrganisationKind").doesNotContain("XX-9999");
    }

    @Test
    void badInput_withACataloguedCodeAndATextQuotingTheInput_answersThatCodeWithItsCataloguedMessageOnly()
            throws Exception {
        ProblemDetail problem = errors.badInput(new BadInputException(IdentityError.ID_0104, "username taro.yamada not available"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).containsEntry("code", "ID-0104");
        assertThat(problem.getType()).hasToString("urn:azukari:problem:ID-0104");
        assertThat(problem.getDetail()).isEqualTo("username not available");
        assertThat(problem.getInstance()).as("never the request path").hasScheme("urn");
        assertThat(body(problem)).doesNotContain("taro").doesNotContain("yamada");
    }

    @Test
    void badInput_whoseTextMerelyStartsWithACataloguedCode_answersTheGeneric400_forTheCodeIsReadFromTheExceptionNeverItsText() {
        ProblemDetail problem = errors.badInput(new IllegalArgumentException("ID-0104 username taro.yamada not available"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).containsEntry("code", "OP-0400");
    }

    @Test
    void everyAnsweredCode_isToldWithItsCataloguedMeaning() {
        for (org.azukari.consent.api.ErrorCode code : ProblemCatalogue.ANSWERED) {
            ProblemDetail problem = errors.badInput(new BadInputException(code, "detail"));

            assertThat(problem.getProperties()).containsEntry("code", code.code());
            assertThat(problem.getDetail()).isEqualTo(code.meaning());
        }
    }

    @Test
    void databaseBusyOrAway_underAnApi_answers503OP0503WithRetryAfter_andNothingOfItsText() throws Exception {
        for (RuntimeException fault : new RuntimeException[] {
                new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new java.sql.SQLTransientConnectionException("azukari-control - Connection is not available")),
                new org.springframework.dao.CannotAcquireLockException("lock wait on cp_consent resident 42"),
                new org.springframework.transaction.CannotCreateTransactionException("Could not open JDBC Connection")}) {
            ResponseEntity<ProblemDetail> answer = errors.databaseUnavailable(fault);

            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "OP-0503");
            assertThat(body(answer.getBody())).doesNotContain("JDBC").doesNotContain("cp_consent")
                    .doesNotContain("azukari-control");
        }
    }

    @Test
    void badInput_fromARegistryRefusal_keepsItsCode() {
        ProblemDetail problem = errors.badInput(new OrganisationRegistryException(
                OrganisationRegistryException.PRIVATE_KEY, "a JWK holds private key material"));

        assertThat(problem.getProperties()).containsEntry("code", "ID-0208");
        assertThat(problem.getDetail()).isEqualTo("a JWK holds private key material");
    }

    @Test
    void consentChangeRefusals_quotingAnId_answerTheirCodeWithoutTheId() throws Exception {
        ProblemDetail notFound = errors.refused(new ConsentChangeRefusedException(ConsentChangeRefusedException.NOT_FOUND,
                "no dataset request dsr-secret-looking-id"));
        ProblemDetail conflict = errors.refused(new ConsentChangeRefusedException(ConsentPolicyError.CP_0233,
                "emergency access em-0042 is already reviewed"));

        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(notFound.getProperties()).containsEntry("code", "CP-0220");
        assertThat(body(notFound)).doesNotContain("dsr-secret-looking-id");
        assertThat(conflict.getStatus()).isEqualTo(409);
        assertThat(conflict.getProperties()).containsEntry("code", "CP-0233");
        assertThat(body(conflict)).doesNotContain("em-0042");
    }

    @Test
    void forbidden_withAnUncataloguedText_answersTheGeneric403() throws Exception {
        ProblemDetail known = errors.forbidden(new Forbidden(ConsentPolicyError.CP_0234,
                "emergency access needs a practitioner holding the emergency role"));
        ProblemDetail unknown = errors.forbidden(new Forbidden(IdentityError.ID_0123, "because Yamada Taro said so"));

        assertThat(known.getProperties()).containsEntry("code", "CP-0234");
        assertThat(unknown.getStatus()).isEqualTo(403);
        assertThat(unknown.getProperties()).containsEntry("code", "OP-0403");
        assertThat(body(unknown)).doesNotContain("Yamada");
    }

    @Test
    void notFound_answersOP0404_whateverItsTextSays() throws Exception {
        ProblemDetail problem = errors.notFound(new NotFound("no such account 6f1c-taro"));

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getProperties()).containsEntry("code", "OP-0404");
        assertThat(body(problem)).doesNotContain("taro");
    }

    @Test
    void anUnavailableAccessLog_answers503WithRetryAfterAndItsCode_andNothingOfItsText() throws Exception {
        ResponseEntity<ProblemDetail> answer = errors.unavailable(new AccessLogUnavailableException(
                "append failed for resident 42", new IllegalStateException("Yamada")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "CP-0110");
        assertThat(body(answer.getBody())).doesNotContain("resident 42").doesNotContain("Yamada");
    }

    @Test
    void theCatalogue_holdsAMessageForEveryGenericCode() {
        ProblemCatalogue catalogue = ProblemCatalogue.load();

        for (org.springframework.http.HttpStatus status : org.springframework.http.HttpStatus.values()) {
            assertThat(catalogue.generic(status).message()).isNotBlank();
        }
    }
}
