package org.rdsecho.stage;

import java.util.List;
import java.util.Set;

/**
 * What the configuration asks of one dump set of a clone, before anything is observed.
 *
 * @param databases the configured databases (in this order), or empty for every one but the
 *     engine's own
 * @param systemDatabases the engine's own databases, never dumped unless named (case-insensitive)
 * @param streams how many dump processes may share a database's tables (rdsecho.export.streams)
 * @param suffix what follows a database's file name: the compression's extension, then .gpg when
 *     encrypted
 * @param keep how many sets of this echo and kind to keep, this one included; null keeps every one
 */
public record DumpRequest(
    String name,
    DumpKind kind,
    String instanceId,
    List<String> databases,
    Set<String> systemDatabases,
    DumpSelection selection,
    int streams,
    String suffix,
    Integer keep) {
  public DumpRequest {
    databases = List.copyOf(databases);
    systemDatabases = Set.copyOf(systemDatabases);
  }

  /** The file a database's dump gets in the set (see {@link FileNames}). */
  public String fileOf(String database) {
    return FileNames.encode(database) + suffix;
  }
}
