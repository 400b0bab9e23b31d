package org.rdsecho.dump;

import java.util.List;
import java.util.Set;

/**
 * What a database engine's own tools do for a dump set (§18: MariaDB/MySQL now, PostgreSQL next):
 * which databases are the engine's own, the command that dumps one part of a database, and the
 * command of its SQL client. The rest of a dump (compression, encryption, checksums, streaming to
 * S3, the manifest) is the same for every engine.
 */
public interface DumpEngine {
  /** The engine's own databases (lower case), never dumped unless named. */
  Set<String> systemDatabases();

  /**
   * The command that dumps one part of a database to its standard output.
   *
   * @param credentials the argument that hands the tool its connection and password (never the
   *     password itself)
   * @param dataOnly rows only, without definitions, triggers, routines or events
   * @param where only the rows matching this condition, or null
   */
  List<String> dumpCommand(
      String credentials, String database, TableStreams.Part part, boolean dataOnly, String where);

  /**
   * The command of the engine's SQL client, reading statements from its standard input.
   *
   * @param database the database it runs in, or null for none
   * @param flags the client's own options for this run (batch output, no column names, ...)
   */
  List<String> clientCommand(String credentials, String database, List<String> flags);
}
