package org.rdsecho.dump;

/** Turns the MySQL clients' error text into what an operator should do about it. */
final class ConnectionErrors {
  private ConnectionErrors() {}

  static String explain(String stderr) {
    String text =
        stderr.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no message)");
    if (text.contains("Access denied")) {
      return text
          + " — check rdsecho.export.user and the password source (passwordEnv, passwordFile or ~/.my.cnf)";
    }
    if (text.contains("Can't connect")
        || text.contains("Lost connection")
        || text.contains("Unknown MySQL server host")
        || text.contains("server has gone away")) {
      return text
          + " — check that the clone is reachable (security groups, rdsecho.export.host/port, tunnel),"
          + " then run the command again";
    }
    if (text.contains("SSL") || text.contains("TLS") || text.contains("certificate")) {
      return text
          + " — check rdsecho.export.sslCa and that the server certificate matches the host";
    }
    return text;
  }
}
