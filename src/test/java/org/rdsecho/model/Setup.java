package org.rdsecho.model;

import java.util.Map;

/**
 * One echo's configuration in the stateful property test: every snapshot source, every way of
 * asking for a KMS key, with and without a CNAME (export and sanitize need a database server, so
 * this unit-level test leaves them out; the ITs cover them).
 */
record Setup(
    String type,
    Kms kms,
    boolean cname,
    boolean confirmation,
    Integer snapshotKeep,
    Integer keepFinals,
    boolean replaceUnpromoted,
    int userTags,
    boolean sanitize,
    boolean aurora) {

  /**
   * How the configuration asks for a key: none, a copy with a key, the clone's key, or
   * storageEncrypted.
   */
  enum Kms {
    NONE,
    COPY_KEY,
    NEW_KEY,
    ENCRYPTED
  }

  /** The snapshot.type values (any is also the default when the key is absent). */
  static final String[] TYPES = {"any", "automated", "manual", "fresh", "pointInTime", "shared"};

  /** Writes this setup over the harness's usual configuration. */
  void applyTo(Map<String, String> config) {
    if (aurora) {
      // an Aurora echo (§12): the clone is a cluster and its writer
      config.remove("rdsecho.snapshot.dbInstanceIdentifier");
      config.put("rdsecho.snapshot.dbClusterIdentifier", EchoWorld.CLUSTER);
      config.put("rdsecho.new.dbInstanceClass", "db.r6g.large");
      config.put("rdsecho.mod.dbClusterParameterGroupName", EchoWorld.CLUSTER_MOD_GROUP);
    }
    config.put("rdsecho.snapshot.type", type);
    if (type.equals("fresh") || type.equals("pointInTime")) {
      // longer than any chain's clock steps: a new fresh snapshot or point in time is never due, so
      // "no new snapshot, nothing created after the first night" holds for them too
      config.put("rdsecho.snapshot.maxAge", "60d");
    }
    if (type.equals("pointInTime")) {
      config.put("rdsecho.snapshot.restoreTime", "latest");
    }
    switch (kms) {
      case COPY_KEY -> config.put("rdsecho.snapshot.copyKmsKeyId", EchoWorld.KEY);
      case NEW_KEY -> config.put("rdsecho.new.kmsKeyId", EchoWorld.KEY);
      case ENCRYPTED -> config.put("rdsecho.new.storageEncrypted", "true");
      case NONE -> {}
    }
    if (!cname) {
      config.remove("rdsecho.promote.cname");
      config.remove("rdsecho.promote.ttl");
    }
    if (confirmation) {
      config.put("rdsecho.promote.requireConfirmation", "true");
    }
    if (snapshotKeep != null) {
      config.put("rdsecho.snapshot.keep", snapshotKeep.toString());
    }
    if (keepFinals != null) {
      config.put("rdsecho.retire.keepFinalSnapshots", keepFinals.toString());
    }
    if (replaceUnpromoted) {
      config.put("rdsecho.new.replaceUnpromoted", "true");
    }
    if (sanitize) {
      // sanitize scripts against a database that never answers: no clone ever passes the sanitize
      // gate, so none may be promoted (or rolled back to); the failures (1) are expected
      config.put("rdsecho.sanitize.scripts", "scrub.sql");
      config.put("rdsecho.sanitize.dir", "scrubbed/{name}/{date}");
      config.put("rdsecho.export.host", "127.0.0.1");
      config.put("rdsecho.export.port", "9");
      config.put("rdsecho.export.user", "echo");
      config.put("rdsecho.export.passwordEnv", "DB_PASSWORD");
    }
    if (userTags > 0) {
      // so many that rds-echo's own bookkeeping tags may no longer fit AWS's 50 (finding 6)
      StringBuilder tags = new StringBuilder();
      for (int t = 1; t <= userTags; t++) {
        tags.append(t == 1 ? "" : ",").append("team-tag-").append(t).append("=x");
      }
      config.put("rdsecho.new.tags", tags.toString());
    }
  }

  @Override
  public String toString() {
    return (aurora ? "aurora " : "")
        + "type="
        + type
        + " kms="
        + kms
        + (cname ? " cname" : " no-cname")
        + (confirmation ? " confirmation" : "")
        + (snapshotKeep == null ? "" : " snapshot.keep=" + snapshotKeep)
        + (keepFinals == null ? "" : " keepFinalSnapshots=" + keepFinals)
        + (replaceUnpromoted ? " replaceUnpromoted" : "")
        + (userTags > 0 ? " new.tags=" + userTags + " tags" : "")
        + (sanitize ? " sanitize(unreachable)" : "");
  }
}
