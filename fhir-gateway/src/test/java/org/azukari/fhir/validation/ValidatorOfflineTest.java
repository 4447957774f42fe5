package org.azukari.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank runs behind a firewall: its validator must answer from what the bank ships, without
 * fetching a package, a profile or a terminology answer from anywhere. Every HTTP client on the JVM
 * (HttpURLConnection, OkHttp) asks the default {@link ProxySelector} where to connect before it
 * connects, so a recording selector sees any attempt; a fresh {@code user.home} shows whether a
 * package cache was created.
 */
class ValidatorOfflineTest {

    /** US Core profiles and extensions, LOINC/SNOMED/CMS codes and a JP Core profile: what real sources send and the bank does not hold in full. */
    private static final String INPUT_NAMING_WHAT_THE_BANK_DOES_NOT_HOLD = """
            {"resourceType":"Bundle","type":"transaction","entry":[
             {"fullUrl":"urn:uuid:7d3f8a9e-0c1b-4f2a-9e3d-5b6c7a8d9e0f","resource":{"resourceType":"Patient",
               "meta":{"profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient",
                                  "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient"]},
               "extension":[{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
                 "extension":[{"url":"text","valueString":"Other"}]}],
               "identifier":[{"system":"urn:oid:1.2.392.100495.20.3.51.19999999999","value":"offline-1"}],
               "gender":"female","birthDate":"1980-02-03"},
              "request":{"method":"POST","url":"Patient"}},
             {"fullUrl":"urn:uuid:1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d","resource":{"resourceType":"Observation",
               "meta":{"profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab"]},
               "status":"final",
               "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
               "code":{"coding":[{"system":"http://loinc.org","code":"4548-4"},
                                 {"system":"http://snomed.info/sct","code":"43396009"},
                                 {"system":"https://bluebutton.cms.gov/resources/codesystem/hcpcs","code":"83036"}]},
               "subject":{"reference":"urn:uuid:7d3f8a9e-0c1b-4f2a-9e3d-5b6c7a8d9e0f"},
               "effectiveDateTime":"2026-11-30T09:00:00+09:00",
               "valueQuantity":{"value":6.1,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}},
              "request":{"method":"POST","url":"Observation"}}]}""";

    private final List<URI> connections = new CopyOnWriteArrayList<>();
    private ProxySelector previousSelector;
    private String previousHome;

    @TempDir
    Path home;

    @BeforeEach
    void recordEveryConnectionAttempt_andGiveTheJvmAnEmptyHome() {
        previousSelector = ProxySelector.getDefault();
        previousHome = System.getProperty("user.home");
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                connections.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        });
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restore() {
        ProxySelector.setDefault(previousSelector);
        System.setProperty("user.home", previousHome);
    }

    @Test
    void theRecorder_seesAnHttpConnectionAttempt() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:9/").openConnection();
        connection.setConnectTimeout(2_000);
        try {
            connection.connect();
        } catch (IOException refused) {
            // nothing listens on the discard port: the attempt is what counts
        }

        assertThat(connections).extracting(URI::getHost).contains("127.0.0.1");
    }

    @Test
    void validatingInputThatNamesProfilesAndCodeSystemsTheBankDoesNotHold_fetchesNothing_andCreatesNoPackageCache()
            throws Exception {
        HapiInputValidator validator = HapiInputValidator.withJapanesePackages();
        IBaseResource input = FhirContext.forR4Cached().newJsonParser().parseResource(INPUT_NAMING_WHAT_THE_BANK_DOES_NOT_HOLD);

        ValidationReport lenient = validator.validate(input, ValidationMode.LENIENT);
        validator.validate(input, ValidationMode.STRICT);

        assertThat(lenient).isNotNull();
        assertThat(connections).as("connection attempts from the validator").isEmpty();
        try (var created = Files.list(home)) {
            assertThat(created).as("files the validator created in the JVM's home (a package cache)").isEmpty();
        }
    }
}
