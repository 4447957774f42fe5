package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitySecretKeyTest {

    @TempDir
    Path directory;

    @Test
    void fromFile_whenMissing_createsItReadableByTheOwnerAloneAndReusesIt() throws Exception {
        Path file = directory.resolve("data").resolve("identity.key");

        IdentitySecretKey first = IdentitySecretKey.fromFile(file);
        IdentitySecretKey again = IdentitySecretKey.fromFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.derive(IdentitySecretKey.TOTP_SEAL)).isEqualTo(first.derive(IdentitySecretKey.TOTP_SEAL));
    }

    @Test
    void from_withKeyInProperties_prefersItToTheFile() {
        String base64 = PeopleFixture.randomKey();
        IdentityProperties properties = new IdentityProperties(base64, null, PeopleFixture.CHEAP);

        IdentitySecretKey key = IdentitySecretKey.from(properties, directory);

        assertThat(key.derive("x")).isEqualTo(IdentitySecretKey.fromBase64(base64).derive("x"));
        assertThat(directory.resolve("identity.key")).doesNotExist();
    }

    @Test
    void from_withoutKey_usesTheFileInTheDataDirectory() {
        IdentitySecretKey.from(new IdentityProperties(" ", null, PeopleFixture.CHEAP), directory);

        assertThat(directory.resolve("identity.key")).exists();
    }

    @Test
    void fromBase64_ofAShortOrMalformedKey_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> IdentitySecretKey.fromBase64("c2hvcnQta2V5"))
                .hasMessage("ID-0191 the identity secret key must be 32 bytes, base64-encoded");
        assertThatThrownBy(() -> IdentitySecretKey.fromBase64("not base64 at all!"))
                .hasMessage("ID-0191 the identity secret key must be 32 bytes, base64-encoded");
    }

    @Test
    void properties_toStringShowsNoKey() {
        String base64 = PeopleFixture.randomKey();

        assertThat(new IdentityProperties(base64, null, PeopleFixture.CHEAP).toString()).doesNotContain(base64);
    }
}
