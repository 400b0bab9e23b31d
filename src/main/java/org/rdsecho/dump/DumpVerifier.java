package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rdsecho.files.SafeDir;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * Proves a dump by restoring it (§13): the file goes through the real decompressor into the real
 * client ({@code gunzip -c F | mysql}), as a user would restore it, into a scratch database on the
 * verification server; then its tables (row counts and {@code CHECKSUM TABLE}), views, routines,
 * triggers and events are compared with the clone's database, and the scratch database is dropped
 * whatever happened. Scratch databases are named {@code rdsecho_verify_<echo>_<random>}, so a
 * rerun finds and drops the ones a killed run of the same echo left, and no other echo's.
 */
public final class DumpVerifier {
  /** One table's comparison, for {@code -o json} (§8: database, table, rows, match). */
  public record TableCheck(String database, String table, long rows, boolean match) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final MysqlTools tools;
  private final SqlClient clone;
  private final SqlClient scratchServer;
  private final ConnectionSpec scratchConnection;

  public DumpVerifier(MysqlTools tools, SqlClient clone, ConnectionSpec scratchConnection) {
    this.tools = tools;
    this.clone = clone;
    this.scratchConnection = scratchConnection;
    this.scratchServer = new SqlClient(tools, scratchConnection);
  }

  /** The prefix of this echo's scratch databases: {@code rdsecho_verify_<8 hex of the name>_}. */
  public static String scratchPrefix(String echoName) {
    return "rdsecho_verify_" + HexFormat.of().formatHex(sha256(echoName.getBytes(StandardCharsets.UTF_8))).substring(0, 8)
        + "_";
  }

  /** Scratch databases of this echo left on the verification server by a run that was killed. */
  public List<String> leftovers(String echoName) {
    String prefix = scratchPrefix(echoName);
    return scratchServer.query(null, "SELECT HEX(SCHEMA_NAME) FROM information_schema.SCHEMATA").stream()
        .map(r -> Exporter.unhex(r[0]))
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }

  public void drop(String scratch) {
    scratchServer.query(null, "DROP DATABASE IF EXISTS " + identifier(scratch));
  }

  /** Opens the bytes of a dump as a file channel: the set's own file, or a private copy of an S3 object. */
  public interface Opener {
    FileChannel open() throws IOException;
  }

  /** Where a dump is read from: a local file, or an S3 object of an s3Only set. */
  public record Source(String label, String fileName, Opener open) {
    public static Source of(Path file) {
      // through the set's handle (§16): a link, FIFO or another user's file there is refused, never read
      return new Source(file.toString(), file.getFileName().toString(), () -> SafeDir.readOwnFile(file));
    }

    /**
     * An object read from elsewhere (S3): downloaded first into a private temporary file (0600 in
     * a 0700 directory of its own, both unlinked as soon as the file is open, so nothing is left on
     * disk even after a kill), its bytes as they are (an encrypted dump stays encrypted there), so
     * its digest can be checked before anything is loaded, and what is loaded is what was checked.
     */
    public static Source downloaded(String label, String fileName, SqlClient.InputSupplier download) {
      return new Source(label, fileName, () -> {
        FileChannel copy = privateTemporaryFile();
        try (InputStream in = download.open()) {
          byte[] buffer = new byte[64 * 1024];
          for (int n; (n = in.read(buffer)) >= 0; ) {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
            while (bytes.hasRemaining()) {
              copy.write(bytes);
            }
          }
          return copy;
        } catch (IOException | RuntimeException e) {
          copy.close();
          throw e;
        }
      });
    }
  }

  /** A new empty file, readable and writable only through the returned channel (its name already gone). */
  static FileChannel privateTemporaryFile() throws IOException {
    Path dir = Files.createTempDirectory("rdsecho-verify-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    Path file = dir.resolve("dump");
    try {
      FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rw-------")));
      return channel;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  public List<TableCheck> verify(String echoName, String database, Path file, String compression, String sha256) {
    return verify(echoName, database, Source.of(file), compression, sha256);
  }

  /**
   * Restores a dump into a new scratch database and compares it with {@code database} on the
   * clone; the scratch database is dropped afterwards, also when this fails.
   *
   * @param sha256 what the manifest says the file's digest is; a file that differs fails
   * @return the tables compared, all matching
   * @throws EchoException naming the file, the table or the object that does not match
   */
  public List<TableCheck> verify(String echoName, String database, Source source, String compression, String sha256) {
    // §16: the file's SHA-256 is checked before a single byte of it reaches the client, on the very
    // channel that is then loaded (a file swapped in the share after the check is not the one read)
    try (FileChannel file = checked(source, sha256)) {
      String scratch = scratchPrefix(echoName) + HexFormat.of().formatHex(randomBytes()).substring(0, 12);
      scratchServer.query(null, "CREATE DATABASE " + identifier(scratch));
      try {
        load(source, file, compression, scratch, sha256);
        compareObjects(database, scratch, source.label());
        return compareTables(database, scratch, source.label());
      } finally {
        drop(scratch);
      }
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "verify failed: cannot read " + source.label() + ": " + e.getMessage());
    }
  }

  /** Opens the source and reads it whole once: returned at position 0 when its SHA-256 is the manifest's. */
  private static FileChannel checked(Source source, String expected) throws IOException {
    if (expected == null || expected.isBlank()) {
      throw new EchoException(Outcome.FAILED, "verify failed: the manifest gives no SHA-256 for " + source.label()
          + ", so it cannot be told from a file rewritten after the export; nothing was loaded; export again");
    }
    FileChannel file = source.open().open();
    try {
      MessageDigest sha = sha256();
      ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
      file.position(0);
      while (file.read(buffer) >= 0) {
        buffer.flip();
        sha.update(buffer);
        buffer.clear();
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      if (!expected.equalsIgnoreCase(digest)) {
        throw new EchoException(Outcome.FAILED, "verify failed: " + source.label() + " is not the file its manifest"
            + " describes (SHA-256 " + digest + ", manifest " + expected + "): the dump was changed or damaged after"
            + " it was written, and nothing of it was loaded; find out who can write there, then export again"
            + " ('rds-echo forget' this clone and 'rds-echo new', or export it anew)");
      }
      file.position(0);
      return file;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /**
   * {@code gunzip -c < F | mysql scratch} ({@code gpg --decrypt < F | gunzip | mysql scratch} for an
   * encrypted file), every stage's exit status checked; the bytes are fed from here, so their
   * SHA-256 is taken on the way.
   *
   * @return the SHA-256 of the file's bytes
   */
  private void load(Source source, FileChannel file, String compression, String scratch, String expected) {
    List<List<String>> stages = new ArrayList<>();
    if (source.fileName().endsWith(PgpEncryption.EXTENSION)) {
      stages.add(List.of(ChildProcesses.tool("gpg").toString(), "--batch", "--quiet", "--decrypt"));
    }
    switch (compression) {
      case "zstd" -> stages.add(List.of(ChildProcesses.tool("zstd").toString(), "-dc"));
      case "none" -> { }
      default -> stages.add(List.of(ChildProcesses.tool("gunzip").toString(), "-c"));
    }
    MessageDigest sha = sha256();
    // digested again on the way: a change made in place while it loads (by this very user) is still said
    SqlClient.InputSupplier digested = () -> new java.security.DigestInputStream(Channels.newInputStream(file), sha);
    if (stages.isEmpty()) {
      try {
        scratchServer.load(scratch, digested, source.label());
      } finally {
        checkDigest(source, sha, expected);
      }
      return;
    }
    List<Process> pipeline;
    try {
      pipeline = ChildProcesses.startPipeline(stages);
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot run " + stages.get(0).get(0) + " to verify " + source.label()
          + ": " + e.getMessage());
    }
    List<ByteArrayOutputStream> errs = new ArrayList<>();
    List<Thread> drains = new ArrayList<>();
    for (Process p : pipeline) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      errs.add(err);
      drains.add(Streams.drain(p.getErrorStream(), err, 16 * 1024));
    }
    IOException[] readFailure = new IOException[1];
    Thread feeder = new Thread(() -> {
      try (InputStream in = digested.open(); OutputStream out = pipeline.get(0).getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        readFailure[0] = e;
      }
    }, "rds-echo-verify-feed");
    feeder.start();
    Process last = pipeline.get(pipeline.size() - 1);
    try {
      EchoException loadFailure = null;
      try {
        scratchServer.load(scratch, last::getInputStream, source.label());
      } catch (EchoException e) {
        loadFailure = e;
      }
      feeder.join();
      // a file that is not the one its manifest describes is said so first: that is the cause
      if (readFailure[0] == null) {
        checkDigest(source, sha, expected);
      }
      for (int i = 0; i < pipeline.size(); i++) {
        int code = pipeline.get(i).waitFor();
        drains.get(i).join();
        if (code != 0 && loadFailure == null || code != 0 && i == 0) {
          String tool = Path.of(stages.get(i).get(0)).getFileName().toString();
          throw new EchoException(Outcome.FAILED, "verify failed: " + source.label() + (tool.equals("gpg")
              ? " does not decrypt (gpg exit " + code + ": " + errs.get(i).toString(StandardCharsets.UTF_8).trim()
                  + "): the file is damaged, or this machine's keyring (GNUPGHOME) has no secret key it is encrypted"
                  + " to"
              : " does not decompress whole (" + tool + " exit " + code + ": "
                  + errs.get(i).toString(StandardCharsets.UTF_8).trim() + "): the file is truncated or damaged;"
                  + " export again"));
        }
      }
      if (loadFailure != null) {
        throw new EchoException(Outcome.FAILED, "verify failed: " + source.label() + " does not restore: "
            + loadFailure.getMessage(), loadFailure);
      }
      if (readFailure[0] != null) {
        throw new EchoException(Outcome.FAILED, "verify failed: cannot read " + source.label() + ": "
            + readFailure[0].getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(Outcome.FAILED, "interrupted while verifying " + source.label());
    } finally {
      pipeline.forEach(Process::destroy);
    }
  }

  private static void checkDigest(Source source, MessageDigest sha, String expected) {
    String digest = HexFormat.of().formatHex(sha.digest());
    if (expected != null && !expected.equalsIgnoreCase(digest)) {
      throw new EchoException(Outcome.FAILED, "verify failed: " + source.label() + " is not the file its manifest"
          + " describes (SHA-256 " + digest + ", manifest " + expected + "): it was changed while it was being"
          + " loaded, after its digest was checked; find out what else writes there, then export again");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Tables, views, routines, triggers and events: the same names of the same kinds on both sides. */
  private void compareObjects(String database, String scratch, String file) {
    Map<String, TreeSet<String>> expected = objects(clone, database);
    Map<String, TreeSet<String>> restored = objects(scratchServer, scratch);
    List<String> differences = new ArrayList<>();
    for (String kind : List.of("table", "view", "routine", "trigger", "event")) {
      TreeSet<String> missing = new TreeSet<>(expected.getOrDefault(kind, new TreeSet<>()));
      missing.removeAll(restored.getOrDefault(kind, new TreeSet<>()));
      TreeSet<String> extra = new TreeSet<>(restored.getOrDefault(kind, new TreeSet<>()));
      extra.removeAll(expected.getOrDefault(kind, new TreeSet<>()));
      missing.forEach(name -> differences.add(kind + " " + Printable.quote(name) + " is missing from the dump"));
      extra.forEach(name -> differences.add(kind + " " + Printable.quote(name) + " is in the dump, not on the clone"));
    }
    if (!differences.isEmpty()) {
      throw new EchoException(Outcome.FAILED, "verify failed: " + file + " restored does not match database "
          + Printable.quote(database) + " of the clone: " + String.join("; ", differences) + "; export again");
    }
  }

  private static Map<String, TreeSet<String>> objects(SqlClient sql, String database) {
    String schema = "'" + hex(database) + "'";
    String script = String.join("\n",
        "SELECT IF(TABLE_TYPE = 'VIEW', 'view', 'table'), HEX(TABLE_NAME) FROM information_schema.TABLES"
            + " WHERE HEX(TABLE_SCHEMA) = " + schema + ";",
        "SELECT 'routine', HEX(CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME)) FROM information_schema.ROUTINES"
            + " WHERE HEX(ROUTINE_SCHEMA) = " + schema + ";",
        "SELECT 'trigger', HEX(TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE HEX(TRIGGER_SCHEMA) = " + schema
            + ";",
        "SELECT 'event', HEX(EVENT_NAME) FROM information_schema.EVENTS WHERE HEX(EVENT_SCHEMA) = " + schema + ";");
    Map<String, TreeSet<String>> objects = new TreeMap<>();
    for (String[] row : sql.query(null, script)) {
      objects.computeIfAbsent(row[0], k -> new TreeSet<>()).add(Exporter.unhex(row[1]));
    }
    return objects;
  }

  /** Each base table's row count and CHECKSUM TABLE, on both sides, in one client run a side. */
  private List<TableCheck> compareTables(String database, String scratch, String file) {
    List<String> tables = new ArrayList<>(objects(clone, database).getOrDefault("table", new TreeSet<>()));
    if (tables.isEmpty()) {
      return List.of();
    }
    List<String[]> expected = countsAndChecksums(clone, database, tables);
    List<String[]> restored = countsAndChecksums(scratchServer, scratch, tables);
    List<TableCheck> checks = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      String table = tables.get(i);
      long rows = Long.parseLong(expected.get(i)[0]);
      long got = Long.parseLong(restored.get(i)[0]);
      boolean match = rows == got && expected.get(i)[1].equals(restored.get(i)[1]);
      checks.add(new TableCheck(database, table, rows, match));
      if (rows != got) {
        differences.add("table " + Printable.quote(table) + " has " + rows + " row(s) on the clone and " + got
            + " restored");
      } else if (!match) {
        differences.add("table " + Printable.quote(table) + " has the same " + rows + " row(s) but another checksum"
            + " (CHECKSUM TABLE " + expected.get(i)[1] + " on the clone, " + restored.get(i)[1] + " restored)");
      }
    }
    if (!differences.isEmpty()) {
      throw new EchoException(Outcome.FAILED, "verify failed: " + file + " restored does not match database "
          + Printable.quote(database) + " of the clone: " + String.join("; ", differences) + "; export again");
    }
    return checks;
  }

  /** Rows of [count, checksum], one per table in order. */
  private static List<String[]> countsAndChecksums(SqlClient sql, String database, List<String> tables) {
    StringBuilder script = new StringBuilder();
    for (String table : tables) {
      String name = identifier(database) + "." + identifier(table);
      script.append("SELECT COUNT(*) FROM ").append(name).append(";\n");
      script.append("CHECKSUM TABLE ").append(name).append(";\n");
    }
    List<String[]> rows = sql.query(null, script.toString());
    if (rows.size() != tables.size() * 2) {
      throw new EchoException(Outcome.FAILED, "verify could not read the row counts and checksums of database "
          + Printable.quote(database) + " (" + rows.size() + " result rows for " + tables.size() + " tables)");
    }
    List<String[]> result = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      String[] checksum = rows.get(2 * i + 1);
      result.add(new String[] {rows.get(2 * i)[0], checksum[checksum.length - 1]});
    }
    return result;
  }

  /** A MySQL identifier, quoted with backticks (doubled inside), whatever it holds. */
  static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String hex(String text) {
    return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @Override
  public String toString() {
    return "verification server " + scratchConnection;
  }
}
