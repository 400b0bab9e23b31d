package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * rdsecho.export.sslCa: the dump connects over TLS and verifies the server's certificate against
 * the given CA, against a private MariaDB that requires TLS of the export user.
 */
class TlsIT {
  @TempDir static Path certs;
  @TempDir Path dir;
  private static PrivateMariaDb db;

  @BeforeAll
  static void startServerWithTls() {
    // a CA, a server certificate for 127.0.0.1 signed by it, and a second CA that signed nothing
    PrivateMariaDb.shell(
        "cd "
            + certs
            + " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=echo-test-ca"
            + " -keyout ca.key -out ca.pem 2>/dev/null"
            + " && openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr 2>/dev/null"
            + " && printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext"
            + " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext"
            + " -out server.pem 2>/dev/null"
            + " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other-ca -keyout other.key -out other.pem"
            + " 2>/dev/null");
    db =
        PrivateMariaDb.start(
            List.of(
                "--ssl-ca=" + certs.resolve("ca.pem"),
                "--ssl-cert=" + certs.resolve("server.pem"),
                "--ssl-key=" + certs.resolve("server.key")));
    db.rootSql(
        "ALTER USER '"
            + PrivateMariaDb.USER
            + "'@'%' REQUIRE SSL; CREATE DATABASE shop;"
            + " CREATE TABLE shop.t (id INT PRIMARY KEY); INSERT INTO shop.t VALUES (1), (2);");
  }

  @AfterAll
  static void stopServer() {
    db.close();
  }

  @Test
  void exportVerifiesTheServerAgainstTheConfiguredCa() throws Exception {
    Harness h = new Harness(dir).cloneServedBy(db, "shop", "rebooted");
    h.config.put("rdsecho.export.sslCa", certs.resolve("ca.pem").toString());
    Run run = h.run("export");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(Files.exists(h.dumpDir().resolve("shop.sql.gz")));
    assertEquals("exported", h.newCloneStage());
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() {
    Harness h = new Harness(dir).cloneServedBy(db, "shop", "rebooted");
    h.config.put("rdsecho.export.sslCa", certs.resolve("other.pem").toString());
    Run run = h.run("export");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("check rdsecho.export.sslCa"), run.err());
    assertEquals("rebooted", h.newCloneStage());
  }
}
