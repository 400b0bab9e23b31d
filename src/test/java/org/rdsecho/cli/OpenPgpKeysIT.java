package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.config.ConfigException;
import org.rdsecho.dump.PgpEncryption;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * §16 "every key in a key file", with keys Debian's gpg makes at test time (once for the class): a
 * default {@code --quick-gen-key} key ([SC] primary, [E] subkey made in the same second) is
 * encrypted to its subkey, so a keyring holding only the secret subkeys decrypts; every key of a
 * file (armored blocks concatenated, or binary rings) is a recipient and each decrypts alone; the
 * newest of two encryption subkeys is the one gpg itself picks; expired, revoked and sign-only keys
 * are exit 2 naming the fingerprint, before any write.
 */
class OpenPgpKeysIT {
  private static final String KEY = "rdsecho.export.encryptTo";
  private static Path gnupg;
  private static Path keys;
  private static PrivateMariaDb db;
  @TempDir Path dir;

  @BeforeAll
  static void makeKeys() throws IOException {
    gnupg =
        Files.createTempDirectory(
            "rdsecho-gnupg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    keys = Files.createTempDirectory("rdsecho-keys-");
    // gpg's defaults: rsa3072 [SC] primary and rsa3072 [E] subkey, made in the same second
    gpg("--quick-gen-key", "Alice <alice@example.invalid>", "default", "default", "never");
    gpg("--quick-gen-key", "Bob <bob@example.invalid>", "future-default", "default", "never");
    // expired: made in 2020 to expire a day later
    gpg(
        "--faked-system-time",
        "20200101T000000!",
        "--quick-gen-key",
        "Carol <carol@example.invalid>",
        "future-default",
        "default",
        "1d");
    gpg("--quick-gen-key", "Dave <dave@example.invalid>", "future-default", "default", "never");
    // revoked: gpg wrote a revocation certificate beside the key; importing it revokes the key
    String dave = fingerprint("dave@example.invalid");
    PrivateMariaDb.shell(
        "sed 's/^:-----BEGIN/-----BEGIN/' "
            + gnupg.resolve("openpgp-revocs.d/" + dave + ".rev")
            + " | gpg --batch --homedir "
            + gnupg
            + " --import 2>&1");
    gpg("--quick-gen-key", "Erin <erin@example.invalid>", "ed25519", "sign", "never");
    // two encryption subkeys, the second a year newer
    gpg(
        "--faked-system-time",
        "20240101T000000!",
        "--quick-gen-key",
        "Frank <frank@example.invalid>",
        "ed25519",
        "sign",
        "never");
    String frank = fingerprint("frank@example.invalid");
    gpg(
        "--faked-system-time",
        "20240101T000100!",
        "--quick-add-key",
        frank,
        "cv25519",
        "encr",
        "never");
    gpg(
        "--faked-system-time",
        "20250101T000000!",
        "--quick-add-key",
        frank,
        "cv25519",
        "encr",
        "never");
    // its only encryption subkey expired (the [SC] primary may not encrypt)
    gpg(
        "--faked-system-time",
        "20200101T000000!",
        "--quick-gen-key",
        "Grace <grace@example.invalid>",
        "rsa2048",
        "sign",
        "never");
    gpg(
        "--faked-system-time",
        "20200101T000100!",
        "--quick-add-key",
        fingerprint("grace@example.invalid"),
        "cv25519",
        "encr",
        "1d");
    // someone else's key, made later: its encryption subkey is appended to Alice's key below
    gpg(
        "--faked-system-time",
        "20300101T000000!",
        "--quick-gen-key",
        "Mallory <mallory@example.invalid>",
        "future-default",
        "default",
        "never");
    for (String who :
        List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "mallory")) {
      export(who + ".asc", "--armor", who + "@example.invalid");
    }
    export("alice-bob.gpg", "alice@example.invalid", "bob@example.invalid");
    Files.writeString(
        keys.resolve("alice-and-bob.asc"),
        Files.readString(keys.resolve("alice.asc")) + Files.readString(keys.resolve("bob.asc")));
    db = PrivateMariaDb.start();
    db.rootSql(
        "CREATE DATABASE crown; CREATE TABLE crown.t (id INT PRIMARY KEY, v VARCHAR(20));"
            + " INSERT INTO crown.t VALUES (1, 'crown jewels')");
  }

  @AfterAll
  static void tearDown() {
    if (db != null) {
      db.close();
    }
    PrivateMariaDb.shell(
        "gpgconf --homedir " + gnupg + " --kill all || true; rm -rf " + gnupg + " " + keys);
  }

  private static String gpg(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("gpg", "--batch", "--homedir", gnupg.toString(), "--passphrase", ""));
    command.addAll(List.of(args));
    return PrivateMariaDb.shell(
        String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList())
            + " 2>&1");
  }

  private static void export(String file, String... args) {
    PrivateMariaDb.shell(
        "gpg --batch --homedir "
            + gnupg
            + " --export "
            + String.join(" ", args)
            + " > "
            + keys.resolve(file));
  }

  /** The primary fingerprint of a key in the test keyring. */
  private static String fingerprint(String who) {
    return fingerprints(who).get(0);
  }

  /** The fingerprints gpg lists for a key: the primary first, then each subkey in order. */
  private static List<String> fingerprints(String who) {
    return gpg("--with-colons", "--list-keys", who)
        .lines()
        .filter(l -> l.startsWith("fpr:"))
        .map(l -> l.split(":")[9])
        .toList();
  }

  /** Encrypts a message with rds-echo's encryption to the keys of {@code files}. */
  private Path encrypt(String text, String... files) throws IOException {
    PgpEncryption encryption =
        PgpEncryption.toKeys(
            java.util.Arrays.stream(files).map(keys::resolve).toList(), KEY, Instant.now());
    Path out = dir.resolve("message.gpg");
    try (OutputStream o = encryption.encrypting(Files.newOutputStream(out), "message")) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * Decrypts with a fresh keyring holding only {@code who}'s secret subkeys (the primary's secret
   * stays behind).
   */
  private String decryptWithSubkeysOf(String who, Path file) throws IOException {
    Path home =
        Files.createTempDirectory(
            dir,
            "gnupg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      PrivateMariaDb.shell(
          "gpg --batch --homedir "
              + gnupg
              + " --passphrase '' --pinentry-mode loopback"
              + " --export-secret-subkeys "
              + who
              + " | gpg --batch --homedir "
              + home
              + " --import 2>&1");
      String secrets =
          PrivateMariaDb.shell(
              "gpg --batch --homedir " + home + " --with-colons --list-secret-keys");
      assertTrue(
          secrets.lines().anyMatch(l -> l.startsWith("sec:") && l.split(":")[14].equals("#")),
          "the primary's secret is not in this keyring: " + secrets);
      return PrivateMariaDb.shell(
          "gpg --batch --quiet --homedir " + home + " --decrypt " + file + " 2>/dev/null");
    } finally {
      PrivateMariaDb.shell("gpgconf --homedir " + home + " --kill all || true");
    }
  }

  @Test
  void aDefaultGpgKeyIsEncryptedToItsSubkeySoAKeyringOfTheSecretSubkeysDecrypts()
      throws IOException {
    PgpEncryption alice =
        PgpEncryption.toKeys(List.of(keys.resolve("alice.asc")), KEY, Instant.now());
    List<String> fprs = fingerprints("alice@example.invalid");
    assertEquals(List.of(fprs.get(0)), alice.fingerprints());
    assertEquals(
        List.of(fprs.get(1)),
        alice.encryptionFingerprints(),
        "the [E] subkey, not the [SC] primary");
    Path file = encrypt("for alice's subkey", "alice.asc");
    assertEquals("for alice's subkey", decryptWithSubkeysOf("alice@example.invalid", file));
  }

  @Test
  void everyKeyOfAFileIsARecipientArmoredBlocksConcatenatedOrBinaryRings() throws IOException {
    String alice = fingerprint("alice@example.invalid");
    String bob = fingerprint("bob@example.invalid");
    for (String file : List.of("alice-and-bob.asc", "alice-bob.gpg")) {
      PgpEncryption both = PgpEncryption.toKeys(List.of(keys.resolve(file)), KEY, Instant.now());
      // gpg --export writes the keys in its keyring's order, not the command line's
      assertEquals(
          List.of(alice, bob).stream().sorted().toList(),
          both.fingerprints().stream().sorted().toList(),
          file);
      Path message = encrypt("for both", file);
      assertEquals("for both", decryptWithSubkeysOf("alice@example.invalid", message), file);
      assertEquals("for both", decryptWithSubkeysOf("bob@example.invalid", message), file);
    }
    // the same key named twice (in two files) counts once
    assertEquals(
        List.of(alice, bob),
        PgpEncryption.toKeys(
                List.of(
                    keys.resolve("alice.asc"),
                    keys.resolve("alice-and-bob.asc"),
                    keys.resolve("alice-bob.gpg")),
                KEY,
                Instant.now())
            .fingerprints());
  }

  @Test
  void theNewestOfTwoEncryptionSubkeysIsTheOneGpgPicks() {
    List<String> fprs = fingerprints("frank@example.invalid");
    PgpEncryption frank =
        PgpEncryption.toKeys(List.of(keys.resolve("frank.asc")), KEY, Instant.now());
    assertEquals(List.of(fprs.get(2)), frank.encryptionFingerprints());
    String packets =
        PrivateMariaDb.shell(
            "echo x | gpg --batch --homedir "
                + gnupg
                + " --trust-model always"
                + " --encrypt -r frank@example.invalid | gpg --batch --homedir "
                + gnupg
                + " --list-packets 2>&1 || true");
    assertTrue(packets.contains("keyid " + fprs.get(2).substring(24)), packets);
  }

  @Test
  void expiredRevokedAndSignOnlyKeysAreConfigurationErrorsNamingTheFingerprint() {
    assertRefused("carol.asc", "carol@example.invalid", "expired on 2020-01-02T00:00:00Z");
    assertRefused("dave.asc", "dave@example.invalid", "was revoked");
    assertRefused(
        "erin.asc",
        "erin@example.invalid",
        "has no usable encryption key (it can only sign or certify)");
    assertRefused(
        "grace.asc",
        "grace@example.invalid",
        "has no usable encryption key (subkey "
            + fingerprints("grace@example.invalid").get(1)
            + " expired on 2020-01-02T00:01:00Z)");
    // one bad key among good ones refuses the file: no recipient is dropped silently
    Path mixed = keys.resolve("alice-carol.asc");
    PrivateMariaDb.shell(
        "cat " + keys.resolve("alice.asc") + " " + keys.resolve("carol.asc") + " > " + mixed);
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> PgpEncryption.toKeys(List.of(mixed), KEY, Instant.now()));
    assertTrue(e.getMessage().contains(fingerprint("carol@example.invalid")), e.getMessage());
  }

  private static void assertRefused(String file, String who, String why) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PgpEncryption.toKeys(List.of(keys.resolve(file)), KEY, Instant.now()));
    String fpr = fingerprint(who);
    assertTrue(
        e.getMessage().startsWith(KEY + " names " + keys.resolve(file) + ", whose key " + fpr),
        e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void anExportToTwoKeysListsBothInTheManifestAndARevokedKeyIsExit2BeforeAnyWrite()
      throws IOException {
    Harness h = new Harness(dir).cloneServedBy(db, "crown", "rebooted");
    h.config.put(KEY, keys.resolve("alice-and-bob.asc").toString());
    Run run = h.run("export");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode manifest = new ObjectMapper().readTree(h.dumpDir().resolve("manifest.json").toFile());
    List<String> alice = fingerprints("alice@example.invalid");
    List<String> bob = fingerprints("bob@example.invalid");
    assertEquals(List.of(alice.get(0), bob.get(0)), strings(manifest.get("encryptedTo")));
    assertEquals(List.of(alice.get(1), bob.get(1)), strings(manifest.get("encryptedToKeys")));
    Path dump = h.dumpDir().resolve("crown.sql.gz.gpg");
    assertTrue(
        PrivateMariaDb.shell(
                "gpg --batch --quiet --homedir " + gnupg + " --decrypt " + dump + " | gunzip")
            .contains("crown jewels"));

    Harness revoked =
        new Harness(Files.createDirectories(dir.resolve("revoked")))
            .cloneServedBy(db, "crown", "rebooted");
    revoked.config.put(KEY, keys.resolve("alice.asc") + "," + keys.resolve("dave.asc"));
    Run refused = revoked.run("export");
    assertEquals(2, refused.exitCode(), refused.out() + refused.err());
    assertTrue(
        refused
            .err()
            .contains(
                fingerprint("dave@example.invalid")
                    + " (Dave <dave@example.invalid>) was"
                    + " revoked"),
        refused.err());
    assertFalse(Files.exists(revoked.dumpDir()), "nothing dumped");
    assertEquals(List.of(), revoked.rds.writeLog());

    // new checks the keys before it restores a clone that could not be exported
    Harness night = new Harness(Files.createDirectories(dir.resolve("night"))).usualNight();
    night.config.put("rdsecho.export.dir", "dumps/{name}/{date}");
    night.config.put(KEY, keys.resolve("carol.asc").toString());
    Run restore = night.run("new", "--yes");
    assertEquals(2, restore.exitCode(), restore.out() + restore.err());
    assertTrue(restore.err().contains(fingerprint("carol@example.invalid")), restore.err());
    assertEquals(List.of(), night.rds.writeLog(), "no clone restored");
  }

  /**
   * A newer subkey appended to Alice's key by someone without her secret (bound by another key) is
   * never used.
   */
  @Test
  void aSubkeyAppendedWithoutTheKeysSecretIsIgnored() throws Exception {
    var calc = new org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator();
    org.bouncycastle.openpgp.PGPPublicKeyRing alice;
    org.bouncycastle.openpgp.PGPPublicKeyRing mallory;
    try (var in =
        org.bouncycastle.openpgp.PGPUtil.getDecoderStream(
            Files.newInputStream(keys.resolve("alice.asc")))) {
      alice = new org.bouncycastle.openpgp.PGPPublicKeyRing(in, calc);
    }
    try (var in =
        org.bouncycastle.openpgp.PGPUtil.getDecoderStream(
            Files.newInputStream(keys.resolve("mallory.asc")))) {
      mallory = new org.bouncycastle.openpgp.PGPPublicKeyRing(in, calc);
    }
    var it = mallory.getPublicKeys();
    it.next();
    var tampered = org.bouncycastle.openpgp.PGPPublicKeyRing.insertPublicKey(alice, it.next());
    Path file = keys.resolve("alice-tampered.gpg");
    Files.write(file, tampered.getEncoded());
    PgpEncryption e = PgpEncryption.toKeys(List.of(file), KEY, Instant.now());
    assertEquals(List.of(fingerprints("alice@example.invalid").get(1)), e.encryptionFingerprints());
  }

  /** A secret key where a public one belongs, or a file with no key, is refused naming the file. */
  @Test
  void aSecretKeyOrAnEmptyFileIsNotAKeyFile() throws IOException {
    Path secret = keys.resolve("alice-secret.asc");
    PrivateMariaDb.shell(
        "gpg --batch --homedir "
            + gnupg
            + " --passphrase '' --pinentry-mode loopback --armor"
            + " --export-secret-keys alice@example.invalid > "
            + secret);
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> PgpEncryption.toKeys(List.of(secret), KEY, Instant.now()));
    assertTrue(
        e.getMessage()
            .startsWith(
                KEY
                    + " names "
                    + secret
                    + ", which is not a readable OpenPGP public key (it"
                    + " holds a PGP PRIVATE KEY BLOCK, where only public keys belong)"),
        e.getMessage());
    Path empty = Files.writeString(keys.resolve("empty.asc"), "");
    e =
        assertThrows(
            ConfigException.class, () -> PgpEncryption.toKeys(List.of(empty), KEY, Instant.now()));
    assertTrue(
        e.getMessage().startsWith(KEY + " names " + empty + ", which holds no OpenPGP public key"),
        e.getMessage());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * §16 "every key in a key file": a file gpg --show-keys rejects (binary keys mixed with armored
   * blocks, a cut-off or garbled block, other text outside the blocks) is exit 2 naming the file,
   * where it used to give fewer recipients than the file seems to hold.
   */
  @Test
  void aFileMixingBinaryAndArmoredKeysOrWithACutOffOrGarbledBlockIsRefusedNamingIt()
      throws IOException {
    String bobArmored = Files.readString(keys.resolve("bob.asc"));
    Path mixed = keys.resolve("mixed.key");
    export("mixed.key", "alice@example.invalid");
    Files.writeString(
        mixed, bobArmored, StandardCharsets.ISO_8859_1, java.nio.file.StandardOpenOption.APPEND);
    Path cut =
        Files.writeString(
            keys.resolve("cut.asc"),
            Files.readString(keys.resolve("alice.asc"))
                + String.join("\n", bobArmored.lines().limit(8).toList())
                + "\n");
    List<String> lines =
        new ArrayList<>(Files.readString(keys.resolve("alice.asc")).lines().toList());
    int middle = lines.size() / 2;
    char c = lines.get(middle).charAt(10);
    lines.set(
        middle,
        lines.get(middle).substring(0, 10)
            + (c == 'A' ? 'B' : 'A')
            + lines.get(middle).substring(11));
    Path garbled =
        Files.writeString(
            keys.resolve("garbled.asc"), String.join("\n", lines) + "\n" + bobArmored);
    Path prose =
        Files.writeString(keys.resolve("prose.asc"), "Here is our key, thanks!\n" + bobArmored);
    for (Path file : List.of(mixed, cut, garbled, prose)) {
      String show =
          PrivateMariaDb.shell(
                  "gpg --batch --homedir "
                      + gnupg
                      + " --show-keys "
                      + file
                      + " >/dev/null 2>&1;"
                      + " echo $?")
              .strip();
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> PgpEncryption.toKeys(List.of(file), KEY, Instant.now()),
              file + " (gpg --show-keys exit " + show + ")");
      assertTrue(
          e.getMessage()
              .startsWith(
                  KEY + " names " + file + ", which is not a readable OpenPGP public key ("),
          e.getMessage());
    }
    // binary keys alone and armored blocks alone (with blank lines between) still give every key
    Files.writeString(
        keys.resolve("spaced.asc"),
        "\n" + Files.readString(keys.resolve("alice.asc")) + "\n\r\n\t" + bobArmored + "\n\n");
    for (String file : List.of("alice-bob.gpg", "spaced.asc")) {
      assertEquals(
          2,
          PgpEncryption.toKeys(List.of(keys.resolve(file)), KEY, Instant.now())
              .fingerprints()
              .size());
    }
  }
}
