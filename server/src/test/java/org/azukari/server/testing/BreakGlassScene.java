package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.server.testing.RealIdentityWorld.SystemClient;

/**
 * A break-glass scene built through the real registries, ingest and share-code exchange: a
 * hospital with its source feed and EMR, a resident it knows by an MRN whose allergy, condition,
 * laboratory Observation and insurance coverage were pushed by the feed, a practitioner holding
 * the emergency role, and the EMR holding its pseudonym for the resident. There is no consent.
 */
public record BreakGlassScene(OrganisationId hospital, SystemClient emr, String pseudonym, PersonAccount resident,
                       String residentName, String practitionerName, String mrn, String source) {

    public static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.18888888888";
    public static final String TREATMENT = "X-Azukari-Purpose: treatment";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static BreakGlassScene build(RealIdentityWorld world) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId hospital = new OrganisationId("bg-" + suffix);
        world.organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL,
                "Break-glass " + suffix, Set.of(new Purpose("treatment"))));
        String residentName = "bgres-" + suffix;
        String practitionerName = "bgdoc-" + suffix;
        PersonAccount resident = world.people.registerResident(new AccountCredentials(residentName,
                RealIdentityWorld.PASSWORD), AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        PersonAccount practitioner = world.people.registerPractitioner(hospital, new AccountCredentials(
                practitionerName, RealIdentityWorld.PASSWORD));
        world.people.grantEmergencyRole(practitioner.account(), world.world().people().get("operator").account());
        String mrn = "bg-mrn-" + suffix;
        world.people.linkEnrolment(new EnrolmentLink(resident.resident().orElseThrow(), hospital, MRN_SYSTEM, mrn));

        SystemClient feed = world.registerSourceFeed("bgfeed-" + suffix, hospital);
        String source = "bgsrc" + suffix;
        RawHttp.Response pushed = world.http.send("POST", "/fhir", "application/fhir+json", bundle(mrn, source),
                RealIdentityWorld.bearer(world.accessToken(feed, "system/*.cu")));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).as("every entry stored").doesNotContain("\"status\":\"4");

        SystemClient emr = world.registerClinicEmr("bgemr-" + suffix, hospital);
        String pseudonym = exchange(world, emr, shareCode(world, residentName));
        return new BreakGlassScene(hospital, emr, pseudonym, resident, residentName, practitionerName, mrn, source);
    }

    /** The practitioner opens break-glass access over HTTP, as the portal does; answers the 201 body. */
    public String open(RealIdentityWorld world, String reason) throws Exception {
        String session = world.signInAs(practitionerName, "break-glass practitioner");
        Matcher csrf = CSRF_FIELD.matcher(world.http.get("/portal", RealIdentityWorld.cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response opened = world.http.send("POST", "/portal/api/emergency-access", "application/json",
                "{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\",\"reason\":\"" + reason + "\"}",
                RealIdentityWorld.cookie(session), "X-CSRF-Token: " + csrf.group(1));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.body();
    }

    public static String shareCode(RealIdentityWorld world, String username) throws Exception {
        String session = world.signInAs(username, "resident");
        Matcher csrf = CSRF_FIELD.matcher(world.http.get("/portal", RealIdentityWorld.cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response answer = world.http.send("POST", "/portal/api/share-codes", "application/json", "{}",
                RealIdentityWorld.cookie(session), "X-CSRF-Token: " + csrf.group(1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(answer.body());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    public static String exchange(RealIdentityWorld world, SystemClient emr, String code) throws Exception {
        RawHttp.Response answer = world.http.send("POST", "/fhir/Patient/$exchange-share-code",
                "application/fhir+json", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\","
                        + "\"valueString\":\"" + code + "\"}]}",
                RealIdentityWorld.bearer(world.accessToken(emr, "system/*.rs")), TREATMENT);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([a-z2-7]{26})\"").matcher(answer.body());
        assertThat(id.find()).as(answer.body()).isTrue();
        return id.group(1);
    }

    /** Patient, Organization, an allergy, a condition, a laboratory Observation and a Coverage (payment data). */
    private static String bundle(String mrn, String src) {
        String patient = "{\"reference\":\"Patient/" + src + "-pat\"}";
        return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + entry("Organization", src + "-org", "{\"resourceType\":\"Organization\",\"id\":\"" + src
                + "-org\",\"name\":\"Hospital\"}") + ","
                + entry("Patient", src + "-pat", "{\"resourceType\":\"Patient\",\"id\":\"" + src + "-pat\","
                + "\"identifier\":[{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}],"
                + "\"name\":[{\"family\":\"Suzuki\"}],\"gender\":\"male\",\"birthDate\":\"1960-05-05\"}") + ","
                + entry("AllergyIntolerance", src + "-alg", "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"" + src
                + "-alg\",\"clinicalStatus\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"active\"}]},"
                + "\"patient\":" + patient + ",\"code\":{\"text\":\"penicillin\"}}") + ","
                + entry("Condition", src + "-dx", "{\"resourceType\":\"Condition\",\"id\":\"" + src + "-dx\","
                + "\"subject\":" + patient + ",\"code\":{\"text\":\"atrial fibrillation\"}}") + ","
                + entry("Observation", src + "-lab", "{\"resourceType\":\"Observation\",\"id\":\"" + src + "-lab\","
                + "\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},\"subject\":" + patient
                + ",\"effectiveDateTime\":\"2024-01-10T09:00:00+09:00\",\"valueQuantity\":{\"value\":95,"
                + "\"unit\":\"mg/dL\"}}") + ","
                + entry("Coverage", src + "-cov", "{\"resourceType\":\"Coverage\",\"id\":\"" + src + "-cov\","
                + "\"status\":\"active\",\"beneficiary\":" + patient + ",\"payor\":[{\"reference\":\"Organization/"
                + src + "-org\"}]}")
                + "]}";
    }

    private static String entry(String type, String id, String resource) {
        return "{\"resource\":" + resource + ",\"request\":{\"method\":\"PUT\",\"url\":\"" + type + "/" + id + "\"}}";
    }
}
