package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.List;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * Which dump set {@code verify} trusts and what it loads from it (§16): only the set whose manifest
 * is the one this clone's export or sanitize wrote (its SHA-256 is on the clone), and only files
 * named plainly inside that set, each with the digest its manifest gives.
 */
final class VerifiedSet {
  private VerifiedSet() {}

  /**
   * The set whose manifest digest the clone records, among the sets that claim it (newest first).
   */
  static DumpSetSeen choose(
      EchoTags tags,
      EchoInstance clone,
      DumpKind kind,
      String template,
      List<DumpSetSeen> claimed) {
    boolean sanitized = kind == DumpKind.SANITIZED;
    if (claimed.isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "no complete "
              + kind
              + " dump set of "
              + clone.id()
              + " under "
              + template
              + ": run 'rds-echo "
              + (sanitized ? "sanitize" : "export")
              + "' on this machine (verify reads the"
              + " dumps from the directory they were written to)");
    }
    String key = tags.manifestDigest(kind);
    String recorded = clone.tag(key).orElse(null);
    for (DumpSetSeen set : claimed) {
      if (recorded != null
          && set.manifestSha256() != null
          && set.manifestSha256().equalsIgnoreCase(recorded)) {
        if (set.manifest() == null) {
          throw new EchoException(
              Outcome.FAILED,
              "verify failed: "
                  + set.dir()
                  + "/"
                  + Manifest.FILE
                  + " is not"
                  + " a manifest rds-echo wrote (it changed since it was listed); export again");
        }
        return set;
      }
    }
    String newest = claimed.get(0).dir() + "/" + Manifest.FILE;
    String way =
        " 'rds-echo forget --instance "
            + clone.id()
            + "' and 'rds-echo new' make a clone whose dumps can be"
            + " verified";
    if (recorded == null) {
      throw new EchoException(
          Outcome.FAILED,
          "verify failed: "
              + clone.id()
              + " carries no "
              + key
              + " tag (it was "
              + (sanitized ? "sanitized" : "exported")
              + " by an earlier rds-echo), so "
              + newest
              + " cannot be told"
              + " from a manifest rewritten in the share; nothing was loaded;"
              + way);
    }
    String digest = claimed.get(0).manifestSha256();
    throw new EchoException(
        Outcome.FAILED,
        "verify failed: "
            + newest
            + " is not the manifest the "
            + (sanitized ? "sanitize" : "export")
            + " of "
            + clone.id()
            + " wrote (its SHA-256 is "
            + (digest == null ? "unreadable" : digest)
            + ", the clone's "
            + key
            + " tag says "
            + recorded
            + "): the dump"
            + " set was changed in the share after it was written, so nothing was loaded; find out who can write there;"
            + way);
  }

  /**
   * One load-and-compare per database of the set; an s3Only set's files are read from where they
   * were uploaded.
   */
  static List<Action> loads(DumpSetSeen set, String server) {
    if (set.manifest().databases().isEmpty()) {
      // a set of nothing proves nothing: verifiedAt is never recorded for no load (review20)
      throw new EchoException(
          Outcome.FAILED,
          "verify failed: the manifest of "
              + set.dir()
              + " lists no dump, so"
              + " there is nothing to load and compare, and verifiedAt was not recorded: export again (if the clone"
              + " really has no databases of its own, unset rdsecho.verify.host)");
    }
    List<Action> loads = new ArrayList<>();
    for (Manifest.Database db : set.manifest().databases()) {
      // a manifest is a file on a share: only plain names inside the set's directory are followed
      if (!db.plainFile()) {
        throw new EchoException(
            Outcome.FAILED,
            "the manifest of "
                + set.dir()
                + " names the file "
                + db.file()
                + ", which is not a plain name inside the set: export again");
      }
      String prefix = set.s3Prefix();
      String s3 =
          set.localFiles().contains(db.file()) || prefix == null
              ? null
              : prefix.endsWith("/") ? prefix + db.file() : prefix + "/" + db.file();
      loads.add(
          new DataAction.VerifyDump(
              db.database(),
              set.dir(),
              db.file(),
              set.manifest().compression(),
              db.sha256(),
              server,
              s3));
    }
    return loads;
  }
}
