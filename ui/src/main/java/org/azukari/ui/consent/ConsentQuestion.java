package org.azukari.ui.consent;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.PurposeRegistry;

/**
 * The consent question in the mission's words — 『健康アドバイス』を目的として、『決済データと医療データ』を
 * 提供してよいですか？ — built from the purpose registry's labels and the categories. The text shown
 * is rebuilt from the version the client names, so the evidence stored is exactly what was shown.
 */
public final class ConsentQuestion {

    public static final String VERSION = "consent-question-1";

    private ConsentQuestion() {
    }

    public static String purposeLabel(PurposeRegistry purposes, Purpose purpose, String language) {
        return purposes.find(purpose).map(e -> e.label(Locale.forLanguageTag(language))).orElse(purpose.code());
    }

    public static String categoriesLabel(Set<ConsentCategory> categories, String language) {
        return grantLabel(categories, Set.of(), language);
    }

    /**
     * What a grant lets a recipient see, each category with the resident's finer never-share marks
     * within it named as the exception: "medical data (except laboratory) and payment data".
     */
    public static String grantLabel(Set<ConsentCategory> categories, Set<ConsentCategory> withheld, String language) {
        boolean ja = "ja".equals(language);
        return categories.stream().sorted(Comparator.comparing(ConsentCategory::toString))
                .map(c -> label(c, ja) + except(c, withheld, ja))
                .collect(Collectors.joining(ja ? "と" : " and "));
    }

    private static String label(ConsentCategory category, boolean ja) {
        return label(category.category(), ja) + category.subcategory().map(s -> ja ? "（" + s + "）" : " (" + s + ")")
                .orElse("");
    }

    private static String except(ConsentCategory category, Set<ConsentCategory> withheld, boolean ja) {
        List<String> within = withheld.stream().filter(category::covers).filter(mark -> !mark.equals(category))
                .map(mark -> mark.subcategory().orElse(mark.toString())).sorted().toList();
        if (within.isEmpty()) {
            return "";
        }
        return ja ? "（" + String.join("・", within) + "を除く）" : " (except " + String.join(", ", within) + ")";
    }

    public static String text(PurposeRegistry purposes, Purpose purpose, Set<ConsentCategory> categories, String language,
                       String version) {
        if (!VERSION.equals(version)) {
            throw new BadInputException(ConsentPolicyError.CP_0250, "unknown consent question version");
        }
        String p = purposeLabel(purposes, purpose, language);
        String c = categoriesLabel(categories, language);
        return "ja".equals(language)
                ? "『" + p + "』を目的として、『" + c + "』を提供してよいですか？"
                : "For the purpose '" + p + "', may we provide '" + c + "'?";
    }

    private static String label(DataCategory category, boolean ja) {
        return switch (category) {
            case MEDICAL -> ja ? "医療データ" : "medical data";
            case CARE -> ja ? "介護データ" : "care data";
            case PAYMENT -> ja ? "決済データ" : "payment data";
        };
    }
}
