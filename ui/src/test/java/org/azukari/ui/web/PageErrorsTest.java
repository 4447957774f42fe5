package org.azukari.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.BadInputException;
import org.azukari.trustbank.api.ErasureLedgerUnavailableException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

class PageErrorsTest {

    private final PageErrors errors = new PageErrors();

    @Test
    void theKeyVaultOrTheAccessLogDown_isA503Page_thatSaysNothingWasShownOrChanged() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();

        String view = errors.unavailable(new KeyVaultUnavailableException("vault sealed"), model, response);

        assertThat(view).isEqualTo(PageErrors.VIEW);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(model.get("code")).isEqualTo("TB-0101");
        assertThat(model.get("message")).isEqualTo("error.unavailable");
        errors.unavailable(new AccessLogUnavailableException("log down", null), model, response);
        assertThat(model.get("code")).asString().startsWith("CP-");
    }

    @Test
    void anErasureLedgerThatCannotBeWritten_isThe503PageWithRetryAfterAndItsCode_neverA500() {
        ErasureLedgerUnavailableException full = new ErasureLedgerUnavailableException("cannot append to the erasure ledger",
                new java.io.IOException("No space left on device"));
        java.lang.reflect.Method handler = new ExceptionHandlerMethodResolver(PageErrors.class).resolveMethod(full);
        assertThat(handler).as("a handler, so never a 500").isNotNull();
        assertThat(handler.getName()).isEqualTo("unavailable");
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();

        String view = errors.unavailable(full, model, response);

        assertThat(view).isEqualTo(PageErrors.VIEW);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(model.get("code")).isEqualTo("TB-0431");
    }

    @Test
    void badInput_showsOnlyTheModulesCode_neverWhatWasTyped() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();

        errors.badInput(new BadInputException(UiError.UI_0401, "unknown category <script>"), model, response);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(model.get("code")).isEqualTo("UI-0401");
        assertThat(PageErrors.codeOf(new IllegalArgumentException("<script>alert(1)</script> x"), "UI-0400"))
                .isEqualTo("UI-0400");
    }

    @Test
    void badInput_whoseTextMerelyStartsWithACode_showsTheGenericCode_forTheCodeIsReadFromTheExceptionNeverItsText() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();

        errors.badInput(new IllegalArgumentException("UI-0401 unknown category"), model, response);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(model.get("code")).isEqualTo("UI-0400");
    }

    @Test
    void theDatabaseUnreachableUnderAPage_isThe503PageWithRetryAfter_neverA500_andShowsNothingOfItsText() {
        for (RuntimeException outage : new RuntimeException[] {
                new DataAccessResourceFailureException("Failed to obtain JDBC Connection for tb_record resident 42"),
                new QueryTimeoutException("lock timeout on cp_consent_version"),
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction")}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            ExtendedModelMap model = new ExtendedModelMap();

            String view = errors.databaseUnavailable(outage, model, response);

            assertThat(view).isEqualTo(PageErrors.VIEW);
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo(PageErrors.RETRY_AFTER_SECONDS);
            assertThat(model.get("code")).isEqualTo("UI-0503");
            assertThat(model.get("message")).isEqualTo("error.unavailable");
        }
    }
}
