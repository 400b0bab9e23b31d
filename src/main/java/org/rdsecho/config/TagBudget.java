package org.rdsecho.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * §15 "Tags fit": a clone carries new.tags from birth and promote.tags from its promotion, plus
 * rds-echo's bookkeeping; more than AWS allows would fail half way through a promotion, after the
 * CNAME moved. Refused here, before any command writes anything.
 */
public final class TagBudget {
  /** AWS's limit of tags on one RDS resource. */
  public static final int AWS_TAGS_PER_RESOURCE = 50;

  /**
   * The most tags of its own rds-echo keeps on a clone at once (docs/stages.md lists them, §15).
   */
  public static final int MAX_BOOKKEEPING_TAGS = 10;

  private TagBudget() {}

  static void check(Map<String, String> newTags, Map<String, String> promoteTags) {
    Set<String> keys = new HashSet<>(newTags.keySet());
    keys.addAll(promoteTags.keySet());
    int room = AWS_TAGS_PER_RESOURCE - MAX_BOOKKEEPING_TAGS;
    if (keys.size() > room) {
      throw new ConfigException(
          ConfigKeys.NEW_TAGS
              + " ("
              + newTags.size()
              + " tags) and "
              + ConfigKeys.PROMOTE_TAGS
              + " ("
              + promoteTags.size()
              + ") give a clone "
              + keys.size()
              + " tags of yours; with rds-echo's "
              + MAX_BOOKKEEPING_TAGS
              + " own that is more than the "
              + AWS_TAGS_PER_RESOURCE
              + " AWS allows on one"
              + " resource: keep at most "
              + room
              + " between them (a key in both counts once)");
    }
  }
}
