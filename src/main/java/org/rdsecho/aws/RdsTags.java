package org.rdsecho.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.Tag;

/** RDS tags to and from the domain's maps, one way for instances, clusters and snapshots alike. */
final class RdsTags {
  private RdsTags() {}

  static List<Tag> of(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /**
   * A listing's tags in their order; a tag without a value reads as empty, a repeated key as its
   * last value.
   */
  static Map<String, String> toMap(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(t.key(), t.value() == null ? "" : t.value()));
    return map;
  }
}
