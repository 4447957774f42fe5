package org.azukari.fhir.export.deid;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.fhir.export.deid.DeidentificationProfile.LocationGeneralisation;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Patient;

/**
 * The home address cut down to the profile's level. Only values that can be checked survive:
 * a country as an ISO 3166 alpha-2 code, the first three digits of a Japanese postal code, a
 * prefecture from the fixed list of 47 (by name or JIS X 0401 code). Anything else in the
 * source's free-text fields is dropped, so a street cannot hide in {@code state}. Outside Japan
 * only the country is kept: other postal systems are not generalised here.
 */
final class LocationGeneraliser {

    /** JIS X 0401 order: the code of each is its index + 1. */
    static final List<String> PREFECTURES = List.of("北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
            "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
            "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県",
            "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
            "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");
    private static final Set<String> JAPAN = Set.of("JP", "JPN", "JAPAN", "日本", "日本国");
    private static final Pattern ISO_COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern JAPANESE_POSTAL_CODE = Pattern.compile("〒?\\s*(\\d{3})\\s*[-ー－]?\\s*\\d{4}");
    private static final Pattern JIS_CODE = Pattern.compile("\\d{2}");

    /** A generalised address and its quasi-identifier label. */
    record Generalised(Optional<Address> address, String label) {
    }

    private final LocationGeneralisation level;

    LocationGeneraliser(LocationGeneralisation level) {
        this.level = level;
    }

    Generalised generalise(Patient patient) {
        Optional<Address> home = home(patient);
        if (level == LocationGeneralisation.DROP || home.isEmpty()) {
            return new Generalised(Optional.empty(), QuasiIdentifiers.UNKNOWN);
        }
        Address source = home.get();
        Optional<String> postal = postalArea(source.getPostalCode());
        Optional<String> prefecture = prefecture(source.getState());
        // A Japanese postal code or prefecture says the country when the source left it out.
        Optional<String> country = country(source.getCountry())
                .or(() -> postal.or(() -> prefecture).isPresent() ? Optional.of("JP") : Optional.empty());
        if (country.isEmpty()) {
            return new Generalised(Optional.empty(), QuasiIdentifiers.UNKNOWN);
        }
        Address out = new Address().setCountry(country.get());
        if (!country.get().equals("JP")) {
            return new Generalised(Optional.of(out), country.get());
        }
        Optional<String> area = level == LocationGeneralisation.POSTAL_AREA ? postal : prefecture;
        if (area.isEmpty()) {
            return new Generalised(Optional.of(out), "JP");
        }
        if (level == LocationGeneralisation.POSTAL_AREA) {
            out.setPostalCode(area.get());
        } else {
            out.setState(area.get());
        }
        return new Generalised(Optional.of(out), "JP-" + area.get());
    }

    private static Optional<Address> home(Patient patient) {
        if (patient == null || !patient.hasAddress()) {
            return Optional.empty();
        }
        return patient.getAddress().stream().filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst()
                .or(() -> patient.getAddress().stream().filter(a -> a.getUse() != Address.AddressUse.OLD).findFirst());
    }

    static Optional<String> country(String text) {
        String value = normalise(text).toUpperCase(Locale.ROOT);
        if (JAPAN.contains(value)) {
            return Optional.of("JP");
        }
        return ISO_COUNTRY.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    static Optional<String> postalArea(String text) {
        Matcher matcher = JAPANESE_POSTAL_CODE.matcher(normalise(text));
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static Optional<String> prefecture(String text) {
        String value = normalise(text);
        if (PREFECTURES.contains(value)) {
            return Optional.of(value);
        }
        if (JIS_CODE.matcher(value).matches()) {
            int code = Integer.parseInt(value);
            return code >= 1 && code <= PREFECTURES.size() ? Optional.of(PREFECTURES.get(code - 1)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Full-width digits and letters (常用 in Japanese addresses) become ASCII. */
    private static String normalise(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }
}
