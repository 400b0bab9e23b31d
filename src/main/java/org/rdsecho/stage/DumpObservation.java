package org.rdsecho.stage;

import java.util.List;

/**
 * What a dump set's planner needs to know, gathered before it decides: the clone's databases as its
 * client lists them, and the destinations with what each holds already.
 *
 * @param directory where the files are dumped and the manifest written
 * @param copies where the complete set is copied to beside it (the S3 prefix), in order
 */
public record DumpObservation(
    List<String> databases, Destination directory, List<Destination> copies) {
  public DumpObservation {
    databases = List.copyOf(databases);
    copies = List.copyOf(copies);
  }

  /** Every destination, the directory first. */
  public List<Destination> destinations() {
    List<Destination> all = new java.util.ArrayList<>();
    all.add(directory);
    all.addAll(copies);
    return all;
  }
}
