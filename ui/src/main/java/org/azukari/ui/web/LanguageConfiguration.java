package org.azukari.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Japanese by default (or the browser's first choice of the two before any choice is made); {@code ?lang=en} or {@code ?lang=ja} on any page switches and the choice
 * is remembered in a cookie for a year (it names a language, nothing else). Other values are
 * ignored rather than refused, so a stale link never breaks a page.
 */
@Configuration
public class LanguageConfiguration implements WebMvcConfigurer {

    public static final String COOKIE = "azukari-lang";
    public static final String PARAMETER = "lang";
    static final Set<String> LANGUAGES = Set.of("ja", "en");

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setDefaultLocaleFunction(LanguageConfiguration::browserPreferenceOrJapanese);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setRejectInvalidCookies(true);
        return resolver;
    }

    /** Before any choice: the first of the browser's languages the pages are written in, else Japanese. */
    static Locale browserPreferenceOrJapanese(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String language = range.getRange().split("-", 2)[0].toLowerCase(Locale.ROOT);
                    if (LANGUAGES.contains(language)) {
                        return Locale.forLanguageTag(language);
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return Locale.JAPANESE;
            }
        }
        return Locale.JAPANESE;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageChoice(localeResolver()));
    }

    /** Only the two languages the pages are written in. */
    private record LanguageChoice(LocaleResolver resolver) implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String language = request.getParameter(PARAMETER);
            if (language != null && LANGUAGES.contains(language)) {
                resolver.setLocale(request, response, Locale.forLanguageTag(language));
            }
            return true;
        }
    }
}
