package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.config.ConfigException;

/**
 * A key file that is not a usable public key is a configuration error naming the key and the file.
 */
class PgpEncryptionTest {
  @TempDir Path dir;

  @Test
  void aFileThatIsNoPublicKeyIsAConfigurationErrorNamingIt() throws Exception {
    Path notAKey =
        Files.writeString(dir.resolve("team.asc"), "-----BEGIN PGP PRIVATE KEY BLOCK-----\nnope\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                PgpEncryption.toKeys(List.of(notAKey), "rdsecho.export.encryptTo", Instant.now()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "rdsecho.export.encryptTo names "
                    + notAKey
                    + ", which is not a readable"
                    + " OpenPGP public key"),
        e.getMessage());
    Path missing = dir.resolve("missing.asc");
    assertThrows(
        ConfigException.class,
        () -> PgpEncryption.toKeys(List.of(missing), "rdsecho.export.encryptTo", Instant.now()));
  }
}
