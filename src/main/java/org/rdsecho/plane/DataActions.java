package org.rdsecho.plane;

import java.util.Map;
import org.rdsecho.stage.DataAction;

/**
 * What applies a decision's data-plane actions for one run: the export/sanitize plane, or verify's.
 */
public interface DataActions extends AutoCloseable {
  void apply(DataAction action);

  /**
   * The SHA-256 of a file this run wrote (a manifest), for a tag that records it; null when it
   * wrote none there.
   */
  default String sha256Written(String file) {
    return null;
  }

  /** Fields the command's result adds for {@code -o json}. */
  Map<String, Object> resultFields();

  @Override
  void close();
}
