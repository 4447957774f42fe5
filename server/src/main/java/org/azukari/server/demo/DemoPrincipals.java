package org.azukari.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.PrivacyContact;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.SmartScope;

/**
 * One of every organisation and principal kind for {@code infra/run --demo}, so a new user can
 * try every role at once. Passwords are random; they and the clients' private keys are written
 * to files readable by the owner only under the data directory, and printed to the console,
 * never to the log.
 */
final class DemoPrincipals {

    static final OrganisationId HOSPITAL = new OrganisationId("demo-hospital");
    static final String CREDENTIALS_FILE = "demo-credentials.txt";

    record Registered(List<String> lines, List<PersonAccount> residents) {
    }

    private final OrganisationRegistry organisations;
    private final PeopleRegistry people;
    private final PrivacyAssessments assessments;
    private final Path dataDir;
    private final SecureRandom random = new SecureRandom();
    private final List<String> lines = new ArrayList<>();

    DemoPrincipals(OrganisationRegistry organisations, PeopleRegistry people, PrivacyAssessments assessments,
                   Path dataDir) {
        this.organisations = organisations;
        this.people = people;
        this.assessments = assessments;
        this.dataDir = dataDir;
    }

    boolean alreadyRegistered() {
        return organisations.findOrganisation(HOSPITAL).isPresent();
    }

    Registered register() {
        organisation(HOSPITAL, OrganisationKind.HOSPITAL, "Demo City Hospital デモ市民病院", "treatment");
        organisation(new OrganisationId("demo-clinic"), OrganisationKind.CLINIC, "Demo Clinic デモ診療所", "treatment");
        organisation(new OrganisationId("demo-care"), OrganisationKind.CARE_PROVIDER, "Demo Day Care デモ介護",
                "care-coordination");
        organisation(new OrganisationId("demo-payments"), OrganisationKind.PAYMENT_PROVIDER, "Demo Pay デモ決済",
                "health-advice");
        organisation(new OrganisationId("demo-wellness"), OrganisationKind.WELLNESS_SERVICE,
                "Demo Health Advice デモ健康アドバイス", "health-advice");
        organisation(new OrganisationId("demo-city-audit"), OrganisationKind.AUDIT_BODY, "Demo City Audit Office デモ市監査室");
        client("demo-hospital-feed", HOSPITAL, PrincipalKind.SOURCE_FEED, "system/Bundle.c", "system/*.c");
        client("demo-care-feed", new OrganisationId("demo-care"), PrincipalKind.SOURCE_FEED, "system/Bundle.c");
        client("demo-payments-feed", new OrganisationId("demo-payments"), PrincipalKind.SOURCE_FEED, "system/Bundle.c");
        client("demo-clinic-emr", new OrganisationId("demo-clinic"), PrincipalKind.CLINIC_EMR, "system/*.rs");
        client("demo-wellness-app", new OrganisationId("demo-wellness"), PrincipalKind.WELLNESS_SERVICE,
                "system/Group.r", "system/Observation.rs");
        client("demo-audit-system", new OrganisationId("demo-city-audit"), PrincipalKind.AUDIT_SYSTEM,
                "system/AuditEvent.rs");
        List<PersonAccount> residents = new ArrayList<>();
        residents.add(person("demo-resident", password -> people.registerResident(
                new AccountCredentials("demo-resident", password), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE)));
        residents.add(person("demo-e-resident", password -> people.registerEResident(
                new AccountCredentials("demo-e-resident", password), AssuranceLevel.SUBSTANTIAL,
                ProofingMethod.MY_NUMBER_CARD_PUBLIC_AUTHENTICATION)));
        person("demo-doctor", password -> people.registerPractitioner(new OrganisationId("demo-clinic"),
                new AccountCredentials("demo-doctor", password)));
        PersonAccount operator = person("demo-operator",
                password -> people.registerOperator(new AccountCredentials("demo-operator", password)));
        assess("demo-clinic", "Treatment of the resident by the clinic's doctors, when the resident shares a code"
                        + " with the clinic", "MEDICAL", "The clinic's doctors and nurses; nobody outside the clinic",
                "As long as the clinic's medical records law requires (5 years after the last visit)",
                "Staff reading records of people they do not treat; a stolen clinic terminal",
                "Every read is in the resident's access log; the clinic's EMR authenticates with a registered key;"
                        + " residents can withdraw at any time", operator);
        assess("demo-wellness", "Personal health advice from steps, weight, HbA1c and health spending",
                "MEDICAL/laboratory", "The service's advisers; no third party",
                "Two years after the last advice, then deleted",
                "Re-identification from rare values; use for marketing",
                "De-identified datasets (generalised dates, age bands, k of at least 10); marketing use is forbidden"
                        + " by contract; each dataset request is reviewed by the bank", operator);
        person("demo-auditor", password -> people.registerAuditor(new AccountCredentials("demo-auditor", password)));
        write(dataDir.resolve(CREDENTIALS_FILE), String.join("\n", lines) + "\n");
        return new Registered(List.copyOf(lines), residents);
    }

    private void assess(String organisation, String purpose, String items, String recipients, String retention,
                        String risks, String mitigations, PersonAccount operator) {
        assessments.record(AssessmentSubject.recipient(organisation), new AssessmentTerms(purpose,
                Set.of(ConsentCategory.parse(items)), recipients, retention, risks, mitigations,
                new PrivacyContact("Privacy officer / 個人情報保護管理者", "privacy@" + organisation + ".example")),
                operator.account().toString());
    }

    private void organisation(OrganisationId id, OrganisationKind kind, String name, String... purposes) {
        Set<Purpose> asked = java.util.Arrays.stream(purposes).map(Purpose::new).collect(Collectors.toSet());
        organisations.registerOrganisation(new Organisation(id, kind, name, asked));
    }

    private void client(String id, OrganisationId organisation, PrincipalKind kind, String... scopes) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_384).keyID(id + "-1").algorithm(JWSAlgorithm.ES384)
                    .keyUse(KeyUse.SIGNATURE).generate();
            organisations.registerClient(new ClientRegistration(new ClientId(id), organisation, kind,
                    java.util.Arrays.stream(scopes).map(SmartScope::parse).collect(Collectors.toSet()),
                    new JWKSet(key.toPublicJWK()).toString()));
            Path keyFile = dataDir.resolve("demo-clients").resolve(id + ".private.jwk.json");
            write(keyFile, key.toJSONString());
            lines.add(String.format("%-17s client   %-20s org=%s private-key=%s", kind, id, organisation, keyFile));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a demo client key", e);
        }
    }

    private PersonAccount person(String username, java.util.function.Function<String, PersonAccount> register) {
        String password = randomPassword();
        PersonAccount account = register.apply(password);
        lines.add(String.format("%-17s username %-20s password=%s", account.kind(), username, password));
        return account;
    }

    private String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
