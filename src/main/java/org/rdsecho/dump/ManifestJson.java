package org.rdsecho.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.Manifest;

/**
 * The one place a dump set's manifest.json is written and read. Writing keeps the order and the
 * optional fields of every earlier version; reading is lenient in what rds-echo wrote (a field
 * missing reads as empty) and strict in whose it is: a file that is not JSON, not an object, or
 * whose {@code tool} is not rds-echo is not ours, and reads as empty.
 */
public final class ManifestJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestJson() {}

  public static byte[] write(Manifest m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("tool", Manifest.TOOL);
    root.put("name", m.name());
    root.put("kind", m.kind() == null ? null : m.kind().wireName());
    root.put("instance", m.instance());
    root.put("snapshot", m.snapshot());
    root.put("compression", m.compression());
    root.put("compressor", m.compressor());
    if (m.encrypted()) {
      // §14: the files are OpenPGP messages to these keys; the sha256 values are of the encrypted
      // files
      root.put("encryption", "openpgp");
      strings(root.putArray("encryptedTo"), m.encryptedTo());
      strings(root.putArray("encryptedToKeys"), m.encryptedToKeys());
    }
    if (m.s3Uri() != null) {
      root.put("s3Uri", m.s3Uri());
    }
    root.put("startedAt", m.startedAt());
    root.put("finishedAt", m.finishedAt());
    root.put("seconds", m.seconds());
    if (m.partial()) {
      root.put("dataOnly", m.dataOnly());
      root.put("where", m.where());
    }
    ArrayNode dbs = root.putArray("databases");
    for (Manifest.Database d : m.databases()) {
      ObjectNode db = dbs.addObject();
      db.put("database", d.database());
      db.put("file", d.file());
      db.put("bytes", d.bytes());
      db.put("sqlBytes", d.sqlBytes());
      db.put("sha256", d.sha256());
      db.put("seconds", d.seconds());
      db.put("streams", d.streams());
      ArrayNode tables = db.putArray("tables");
      for (Manifest.Table t : d.tables()) {
        tables
            .addObject()
            .put("name", t.name())
            .put("type", t.type())
            .put("rowsEstimated", t.rowsEstimated());
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  /** The manifest in {@code bytes}, or empty when it is not one rds-echo wrote. */
  public static Optional<Manifest> read(byte[] bytes) {
    JsonNode m;
    try {
      m = JSON.readTree(bytes);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (m == null || !m.isObject() || !Manifest.TOOL.equals(m.path("tool").asText())) {
      return Optional.empty();
    }
    List<Manifest.Database> dbs = new ArrayList<>();
    for (JsonNode db : array(m.path("databases"))) {
      List<Manifest.Table> tables = new ArrayList<>();
      for (JsonNode t : array(db.path("tables"))) {
        tables.add(
            new Manifest.Table(
                t.path("name").asText(),
                t.path("type").asText(),
                t.path("rowsEstimated").asLong()));
      }
      dbs.add(
          new Manifest.Database(
              db.path("database").asText(),
              db.path("file").asText(""),
              db.path("bytes").asLong(),
              db.path("sqlBytes").asLong(),
              text(db.path("sha256")),
              db.path("seconds").asDouble(),
              db.path("streams").asInt(1),
              tables));
    }
    return Optional.of(
        new Manifest(
            m.path("name").asText(),
            kind(m),
            m.path("instance").asText(),
            text(m.path("snapshot")),
            m.path("compression").asText("gzip"),
            m.path("compressor").asText(),
            texts(m.path("encryptedTo")),
            texts(m.path("encryptedToKeys")),
            text(m.path("s3Uri")),
            m.path("startedAt").asText(),
            m.path("finishedAt").asText(),
            m.path("seconds").asDouble(),
            m.path("dataOnly").asBoolean(false),
            text(m.path("where")),
            dbs));
  }

  /**
   * The set's kind: null in a manifest written before kinds were recorded (no field, or empty);
   * refused when it names one this version does not know, so that a set written by a newer rds-echo
   * is never taken for another kind, overwritten or pruned as if it were understood.
   */
  private static DumpKind kind(JsonNode m) {
    String wire = m.path("kind").asText();
    if (wire.isEmpty()) {
      return null;
    }
    return DumpKind.fromWire(wire)
        .orElseThrow(
            () ->
                new EchoException(
                    Outcome.REFUSED,
                    "the manifest.json of the dump set of echo '"
                        + m.path("name").asText()
                        + "' (clone "
                        + m.path("instance").asText()
                        + ") names the kind '"
                        + wire
                        + "', which this rds-echo does not know (raw or sanitized): it was"
                        + " written by a newer rds-echo or edited by hand; rds-echo does not"
                        + " read, overwrite or remove that set: upgrade rds-echo, or move the set"
                        + " out of its way"));
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** A text field, or null when it is missing or null. */
  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static List<String> texts(JsonNode node) {
    List<String> values = new ArrayList<>();
    array(node).forEach(n -> values.add(n.asText()));
    return values;
  }

  /**
   * The elements of a list field: an array's, or (as the readers before the typed manifest went
   * through any JSON container) an object's values; nothing for a scalar or a missing field.
   */
  private static Iterable<JsonNode> array(JsonNode node) {
    return node.isContainerNode() ? node : List.of();
  }
}
