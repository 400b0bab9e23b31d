package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.FakeCloudMain;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * §14 encryption with Debian's gpg and keys generated at test time (an ECC key and an RSA key):
 * {@code gpg --decrypt F | gunzip | mysql} restores the exact dump, both keys can decrypt, and no
 * unencrypted byte of the dump is written anywhere (every file the run created is scanned, temp
 * files included, for a marker row).
 */
class EncryptionIT {
  private static final String MARKER =
      "MARKER-7d1f0c2a-this-row-must-never-reach-the-disk-unencrypted";
  private static PrivateMariaDb db;
  private static PrivateMariaDb scratch;
  private static Path gnupg;
  private static Path keys;
  @TempDir Path dir;

  @BeforeAll
  static void setUp() throws IOException {
    db = PrivateMariaDb.start();
    scratch = PrivateMariaDb.start();
    db.rootSql("CREATE DATABASE crown CHARACTER SET utf8mb4");
    db.restore("crown", "cat " + Path.of("src/test/resources/sql/everything.sql").toAbsolutePath());
    db.rootSql(
        "CREATE TABLE crown.secrets (id INT PRIMARY KEY, value VARCHAR(100));"
            + " INSERT INTO crown.secrets VALUES (1, '"
            + MARKER
            + "')");
    gnupg =
        Files.createTempDirectory(
            "rdsecho-gnupg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    keys = Files.createTempDirectory("rdsecho-keys-");
    gpg(
        "--quick-gen-key",
        "rds-echo ecc <ecc@example.invalid>",
        "future-default",
        "default",
        "never");
    gpg("--quick-gen-key", "rds-echo rsa <rsa@example.invalid>", "default", "default", "never");
    PrivateMariaDb.shell(
        "gpg --batch --homedir "
            + gnupg
            + " --export --armor ecc@example.invalid > "
            + keys.resolve("team-ecc.asc"));
    PrivateMariaDb.shell(
        "gpg --batch --homedir "
            + gnupg
            + " --export rsa@example.invalid > "
            + keys.resolve("team-rsa.gpg"));
  }

  @AfterAll
  static void tearDown() {
    db.close();
    scratch.close();
    PrivateMariaDb.shell(
        "gpgconf --homedir " + gnupg + " --kill all || true; rm -rf " + gnupg + " " + keys);
  }

  private static String gpg(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("gpg", "--batch", "--homedir", gnupg.toString(), "--passphrase", ""));
    command.addAll(List.of(args));
    return PrivateMariaDb.shell(
        String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList()));
  }

  @Test
  void gpgDecryptsTheExactDumpWithEitherKeyAndVerifyRestoresIt() throws Exception {
    Harness h = new Harness(dir).cloneServedBy(db, "crown", "rebooted");
    h.config.put(
        "rdsecho.export.encryptTo",
        keys.resolve("team-ecc.asc") + "," + keys.resolve("team-rsa.gpg"));
    Run dry = h.run("export", "--dry-run");
    assertTrue(dry.out().contains("crown.sql.gz.gpg (and crown.sql.gz.gpg.sha256)"), dry.out());
    Run run = h.run("export");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Path file = h.dumpDir().resolve("crown.sql.gz.gpg");
    assertTrue(Files.isRegularFile(file));
    assertFalse(Files.exists(h.dumpDir().resolve("crown.sql.gz")), "no unencrypted file beside it");
    PrivateMariaDb.shell("cd " + h.dumpDir() + " && sha256sum -c crown.sql.gz.gpg.sha256");
    JsonNode manifest = new ObjectMapper().readTree(h.dumpDir().resolve("manifest.json").toFile());
    assertEquals("openpgp", manifest.get("encryption").asText());
    assertEquals(2, manifest.get("encryptedTo").size());
    String packets =
        PrivateMariaDb.shell(
            "gpg --batch --homedir " + gnupg + " --list-packets " + file + " 2>&1");
    assertEquals(
        2, packets.lines().filter(l -> l.startsWith(":pubkey enc packet:")).count(), packets);

    // as a user restores it
    db.rootSql("CREATE DATABASE crown_restored");
    db.restore(
        "crown_restored",
        "GNUPGHOME=" + gnupg + " gpg --batch --quiet --decrypt " + file + " | gunzip");
    assertEquals(MARKER, db.sql("crown_restored", "SELECT value FROM secrets").strip());
    assertEquals(
        db.sql("crown", "CHECKSUM TABLE people, orders, secrets"),
        db.sql("crown_restored", "CHECKSUM TABLE people, orders, secrets")
            .replace("crown_restored", "crown"));

    // each key alone decrypts it: the RSA key's secret removed, the ECC key remains, and the other
    // way round
    String restoredWithEcc = decryptWithOnly("ecc@example.invalid", "rsa@example.invalid", file);
    String restoredWithRsa = decryptWithOnly("rsa@example.invalid", "ecc@example.invalid", file);
    assertEquals(restoredWithEcc, restoredWithRsa);
    assertTrue(restoredWithEcc.contains(MARKER));

    // verify goes through gpg --decrypt too, with GNUPGHOME naming the keyring: in a JVM of its
    // own, whose
    // environment (as a real run's) is what the decryptor inherits
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            FakeCloudMain.class.getName(),
            dir.toString(),
            String.valueOf(db.port()),
            "crown",
            "verify");
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectOutput(dir.resolve("verify-out.log").toFile())
            .redirectError(dir.resolve("verify-err.log").toFile());
    builder.environment().put("DB_PASSWORD", PrivateMariaDb.PASSWORD);
    builder.environment().put("GNUPGHOME", gnupg.toString());
    builder.environment().put("RDS_ECHO_LOCK_DIR", dir.resolve("locks").toString());
    builder.environment().put("RDS_ECHO_TEST_STAGE", "exported");
    // the digest this clone's export recorded on it (§16)
    builder
        .environment()
        .put(
            "RDS_ECHO_TEST_TAGS",
            "rdsecho:development:exportManifest="
                + h.rds
                    .instance(Harness.newCloneId())
                    .tags
                    .get("rdsecho:development:exportManifest"));
    builder
        .environment()
        .put(
            "RDS_ECHO_TEST_CONFIG",
            "rdsecho.export.encryptTo="
                + keys.resolve("team-ecc.asc")
                + ";rdsecho.verify.host=127.0.0.1;rdsecho.verify.port="
                + scratch.port()
                + ";rdsecho.verify.user="
                + PrivateMariaDb.USER
                + ";rdsecho.verify.passwordEnv=DB_PASSWORD");
    Process verify = builder.start();
    assertTrue(verify.waitFor(120, TimeUnit.SECONDS));
    String said =
        Files.readString(dir.resolve("verify-out.log"))
            + Files.readString(dir.resolve("verify-err.log"));
    assertEquals(0, verify.exitValue(), said);
    assertTrue(said.contains("gpg --decrypt crown.sql.gz.gpg | gunzip -c | mysql"), said);
    assertTrue(said.contains("'crown' restored and matches the clone"), said);
  }

  /** The decrypted SQL with a keyring that holds only {@code keep}'s secret key. */
  private String decryptWithOnly(String keep, String drop, Path file) throws IOException {
    Path home =
        Files.createTempDirectory(
            dir,
            "gnupg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    PrivateMariaDb.shell(
        "gpg --batch --homedir "
            + gnupg
            + " --export-secret-keys "
            + keep
            + " | gpg --batch --homedir "
            + home
            + " --import 2>/dev/null");
    String out =
        PrivateMariaDb.shell(
            "gpg --batch --quiet --homedir " + home + " --decrypt " + file + " | gunzip");
    assertFalse(
        PrivateMariaDb.shell("gpg --batch --homedir " + home + " --list-secret-keys 2>/dev/null")
            .contains(drop));
    PrivateMariaDb.shell("gpgconf --homedir " + home + " --kill all || true");
    return out;
  }

  @Test
  void noUnencryptedByteOfTheDumpIsWrittenAnywhereTempFilesIncluded() throws Exception {
    // compression none, so the marker would appear verbatim in any unencrypted copy
    Path control = exportInItsOwnProcess(dir.resolve("control"), "");
    assertFalse(
        filesContaining(MARKER, control).isEmpty(),
        "the scan finds the marker in an unencrypted export");

    // in four streams, so three of them spill (sealed: SegmentJoinTest) before their turn in the
    // file
    Path encrypted =
        exportInItsOwnProcess(
            dir.resolve("encrypted"),
            ";rdsecho.export.encryptTo="
                + keys.resolve("team-rsa.gpg")
                + ";rdsecho.export.streams=4");
    assertEquals(List.of(), filesContaining(MARKER, encrypted), "files holding the marker");
    Path dumps = encrypted.resolve("dumps/development/2026-11-21");
    try (Stream<Path> files = Files.list(dumps)) {
      assertEquals(
          List.of("crown.sql.gpg", "crown.sql.gpg.sha256", "manifest.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    String sql =
        PrivateMariaDb.shell(
            "gpg --batch --quiet --homedir "
                + gnupg
                + " --decrypt "
                + dumps.resolve("crown.sql.gpg"));
    assertTrue(sql.contains(MARKER));
    assertEquals(
        4,
        new ObjectMapper()
            .readTree(dumps.resolve("manifest.json").toFile())
            .get("databases")
            .get(0)
            .get("streams")
            .asInt());
  }

  /** Runs export in a JVM of its own whose temp directory is inside {@code root}; returns root. */
  private static Path exportInItsOwnProcess(Path root, String extraConfig) throws Exception {
    Path tmp = root.resolve("tmp");
    Files.createDirectories(tmp);
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            FakeCloudMain.class.getName(),
            root.toString(),
            String.valueOf(db.port()),
            "crown",
            "export");
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectOutput(root.resolve("stdout.log").toFile())
            .redirectError(root.resolve("stderr.log").toFile());
    builder.environment().put("DB_PASSWORD", PrivateMariaDb.PASSWORD);
    builder.environment().put("TMPDIR", tmp.toString());
    builder.environment().put("RDS_ECHO_LOCK_DIR", root.resolve("locks").toString());
    builder
        .environment()
        .put("RDS_ECHO_TEST_CONFIG", "rdsecho.export.compression=none" + extraConfig);
    Process tool = builder.start();
    assertTrue(tool.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, tool.exitValue(), Files.readString(root.resolve("stderr.log")));
    return root;
  }

  /** Regular files under {@code root} whose bytes contain the marker. */
  private static List<Path> filesContaining(String marker, Path root) throws IOException {
    String needle =
        new String(marker.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
        if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(needle)) {
          found.add(p);
        }
      }
    }
    return found;
  }
}
