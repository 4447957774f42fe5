package org.azukari.ui.operator;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The message shown once after a change (redirect-after-post): a message key the controller
 * chose and at most one id the bank made or was given, never other form input.
 */
public final class Done {

    public static final String KEY = "done";
    public static final String ARGUMENT = "doneId";

    private Done() {
    }

    public static String redirect(RedirectAttributes flash, String messageKey, String id, String target) {
        flash.addFlashAttribute(KEY, messageKey);
        flash.addFlashAttribute(ARGUMENT, id == null ? "" : id);
        return "redirect:" + target;
    }
}
