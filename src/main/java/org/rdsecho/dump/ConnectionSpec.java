package org.rdsecho.dump;

import java.nio.file.Path;

/**
 * Where and as whom the data plane connects. The password, when rds-echo holds it, only ever goes
 * into a private option file; {@link #toString()} leaves it out.
 *
 * @param password null to let the client read it from the MySQL option file (~/.my.cnf)
 * @param sslCa null for no TLS requirement; else TLS is required and the server verified
 */
public record ConnectionSpec(String host, int port, String user, String password, Path sslCa) {

  @Override
  public String toString() {
    return (user == null ? "" : user + "@") + host + ":" + port + (sslCa == null ? "" : " (TLS)");
  }
}
