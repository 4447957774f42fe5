package org.azukari.ui.clinic;

import jakarta.servlet.http.HttpServletResponse;
import org.azukari.fhir.release.ReleaseRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the clinic view's controllers share: the redirect to a patient's records, and the error
 * page for each refusal. The handlers are the controllers' own (inherited, not a
 * {@code @ControllerAdvice}), so they take precedence over the portal-wide {@code PageErrors}
 * for these pages only, as they did when they sat in one controller.
 */
abstract class ClinicPages {

    static View seeOther(String pseudonym, String purpose) {
        RedirectView redirect = new RedirectView(UriComponentsBuilder.fromPath("/clinic/patients/{p}")
                .queryParam("purpose", purpose).buildAndExpand(pseudonym).encode().toUriString(), true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        redirect.setExposeModelAttributes(false);
        return redirect;
    }

    @ExceptionHandler(ReleaseRefusedException.class)
    String refused(ReleaseRefusedException refused, Model model, HttpServletResponse response) {
        return switch (refused.status()) {
            case 400 -> error(HttpServletResponse.SC_BAD_REQUEST, "error.badInput", refused.code(), model, response);
            case 403 -> error(HttpServletResponse.SC_FORBIDDEN, "clinic.error.forbidden", refused.code(), model,
                    response);
            case 404 -> error(HttpServletResponse.SC_NOT_FOUND, "error.notFound", refused.code(), model, response);
            default -> {
                // a dependency is down; nothing was released and the same page may work shortly
                response.setHeader("Retry-After", "30");
                yield error(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "error.unavailable", refused.code(), model,
                        response);
            }
        };
    }

    @ExceptionHandler(ClinicRefused.class)
    String forbidden(ClinicRefused refused, Model model, HttpServletResponse response) {
        return error(HttpServletResponse.SC_FORBIDDEN, "clinic.error.forbidden", refused.code(), model, response);
    }

    @ExceptionHandler(EmergencyOpenings.NotAllowed.class)
    String noEmergencyRole(EmergencyOpenings.NotAllowed refused, Model model, HttpServletResponse response) {
        String code = refused.errorCode().code();
        return error(HttpServletResponse.SC_FORBIDDEN, "clinic.error.noEmergencyRole", code, model, response);
    }

    static String error(int status, String message, String code, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        model.addAttribute("code", code);
        return "error/page";
    }
}
