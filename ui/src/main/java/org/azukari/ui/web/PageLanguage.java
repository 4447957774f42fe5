package org.azukari.ui.web;

import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;

/** The language this page is being shown in: "en" or "ja" (the default). */
public final class PageLanguage {

    private PageLanguage() {
    }

    public static String current() {
        return LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage()) ? "en" : "ja";
    }
}
