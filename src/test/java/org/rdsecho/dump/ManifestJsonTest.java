package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.Manifest;

/**
 * The typed manifest is written byte for byte as the Map it replaces was, and read back whole; what
 * is not ours reads as nothing.
 */
class ManifestJsonTest {
  private static final Manifest.Database SHOP =
      new Manifest.Database(
          "shop",
          "shop.sql.gz.gpg",
          1234,
          5678,
          "ab12",
          1.5,
          2,
          List.of(
              new Manifest.Table("orders", "table", 10), new Manifest.Table("totals", "view", 0)));

  private static Manifest manifest(
      boolean encrypted, String s3Uri, boolean dataOnly, String where) {
    return new Manifest(
        "dev",
        DumpKind.RAW,
        "dev-1",
        "rds:production-1",
        "gzip",
        "libdeflate",
        encrypted ? List.of("AAAA") : List.of(),
        encrypted ? List.of("BBBB") : List.of(),
        s3Uri,
        "2026-11-21T03:00:00Z",
        "2026-11-21T03:10:00Z",
        600.2,
        dataOnly,
        where,
        List.of(SHOP));
  }

  /** The manifest as rds-echo 0.2 wrote it, a LinkedHashMap through Jackson. */
  private static byte[] asTheMapWroteIt(
      boolean encrypted, String s3Uri, boolean dataOnly, String where) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", "rds-echo");
    m.put("name", "dev");
    m.put("kind", "raw");
    m.put("instance", "dev-1");
    m.put("snapshot", "rds:production-1");
    m.put("compression", "gzip");
    m.put("compressor", "libdeflate");
    if (encrypted) {
      m.put("encryption", "openpgp");
      m.put("encryptedTo", List.of("AAAA"));
      m.put("encryptedToKeys", List.of("BBBB"));
    }
    if (s3Uri != null) {
      m.put("s3Uri", s3Uri);
    }
    m.put("startedAt", "2026-11-21T03:00:00Z");
    m.put("finishedAt", "2026-11-21T03:10:00Z");
    m.put("seconds", 600.2);
    if (dataOnly || where != null) {
      m.put("dataOnly", dataOnly);
      m.put("where", where);
    }
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("database", "shop");
    db.put("file", "shop.sql.gz.gpg");
    db.put("bytes", 1234L);
    db.put("sqlBytes", 5678L);
    db.put("sha256", "ab12");
    db.put("seconds", 1.5);
    db.put("streams", 2);
    db.put("tables", List.of(table("orders", "table", 10L), table("totals", "view", 0L)));
    m.put("databases", List.of(db));
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
  }

  private static Map<String, Object> table(String name, String type, long rows) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("type", type);
    t.put("rowsEstimated", rows);
    return t;
  }

  @Test
  void writesTheBytesTheMapWroteAndReadsBackTheSameManifest() throws Exception {
    for (Object[] c :
        List.of(
            new Object[] {false, null, false, null},
            new Object[] {true, "s3://b/p/", false, null},
            new Object[] {false, null, true, null},
            new Object[] {false, null, false, "id > 5"})) {
      Manifest m = manifest((boolean) c[0], (String) c[1], (boolean) c[2], (String) c[3]);
      byte[] bytes = ManifestJson.write(m);
      assertArrayEquals(
          asTheMapWroteIt((boolean) c[0], (String) c[1], (boolean) c[2], (String) c[3]),
          bytes,
          new String(bytes, StandardCharsets.UTF_8));
      assertEquals(m, ManifestJson.read(bytes).orElseThrow());
    }
  }

  @Test
  void anotherToolsGarbledOrForeignManifestIsNotOurs() {
    for (String text :
        List.of(
            "{\"tool\":\"mydumper\",\"name\":\"dev\"}",
            "not json",
            "[1,2]",
            "\"rds-echo\"",
            "",
            "{\"name\":\"dev\",\"kind\":\"raw\"}")) {
      assertTrue(ManifestJson.read(text.getBytes(StandardCharsets.UTF_8)).isEmpty(), text);
    }
  }

  @Test
  void aSparseManifestOfOursReadsWithEmptyFieldsAndOnlyPlainFileNames() {
    Manifest m =
        ManifestJson.read(
                ("{\"tool\":\"rds-echo\",\"name\":\"dev\",\"databases\":[{\"file\":\"../x\"},"
                        + "{\"file\":\"a.sql.gz\"},{\"file\":\".hidden\"},{}],\"encryptedTo\":7}")
                    .getBytes(StandardCharsets.UTF_8))
            .orElseThrow();
    assertNull(m.kind());
    assertEquals("", m.finishedAt());
    assertEquals(null, m.snapshot());
    assertEquals("gzip", m.compression());
    assertEquals(List.of(), m.encryptedTo());
    assertEquals(List.of("a.sql.gz", "a.sql.gz.sha256"), m.files());
  }

  /**
   * A hand-edited manifest whose lists are objects: the Map-era readers (verify, pruning) went
   * through any JSON container, an object's values included, so verify loaded and compared those
   * dumps and pruning removed those files. Reading it as no databases at all made verify record
   * verifiedAt for "0 dump(s)" and pruning leave the files behind (review20).
   */
  @Test
  void listsWrittenAsObjectsAreReadThroughAsTheMapEraReadersDid() {
    Manifest m =
        ManifestJson.read(
                ("{\"tool\":\"rds-echo\",\"name\":\"dev\",\"kind\":\"raw\",\"databases\":{\"x\":"
                        + "{\"database\":\"shop\",\"file\":\"shop.sql.gz\",\"tables\":{\"t\":{\"name\":\"orders\"}}}},"
                        + "\"encryptedTo\":{\"k\":\"AAAA\"}}")
                    .getBytes(StandardCharsets.UTF_8))
            .orElseThrow();
    assertEquals(List.of("shop"), m.databases().stream().map(Manifest.Database::database).toList());
    assertEquals(List.of("shop.sql.gz", "shop.sql.gz.sha256"), m.files());
    assertEquals(
        List.of("orders"),
        m.databases().get(0).tables().stream().map(Manifest.Table::name).toList());
    assertEquals(List.of("AAAA"), m.encryptedTo());
  }

  /**
   * A kind this version does not know (a newer rds-echo's, or a hand edit) is refused, naming it:
   * the set is never taken for a raw or sanitized one, overwritten or pruned.
   */
  @Test
  void aManifestOfAKindThisVersionDoesNotKnowIsRefusedNamingIt() {
    EchoException e =
        assertThrows(
            EchoException.class,
            () ->
                ManifestJson.read(
                    "{\"tool\":\"rds-echo\",\"name\":\"dev\",\"kind\":\"pgdump\",\"instance\":\"dev-1\"}"
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals(Outcome.REFUSED, e.outcome());
    assertTrue(e.getMessage().contains("names the kind 'pgdump'"), e.getMessage());
    assertTrue(e.getMessage().contains("echo 'dev' (clone dev-1)"), e.getMessage());
  }

  @Test
  void bothKindsReadBackAsTheyAreWritten() {
    for (DumpKind kind : DumpKind.values()) {
      String text = "{\"tool\":\"rds-echo\",\"name\":\"dev\",\"kind\":\"" + kind.wireName() + "\"}";
      assertEquals(
          kind, ManifestJson.read(text.getBytes(StandardCharsets.UTF_8)).orElseThrow().kind());
    }
    assertEquals("raw", DumpKind.RAW.wireName());
    assertEquals("sanitized", DumpKind.SANITIZED.wireName());
  }
}
