package org.rdsecho.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one walk over a path key's value: a single path, or a comma-separated list of files, each
 * entry rewritten on its own ({@code ~} expanded, a relative path resolved beside the file). Other
 * keys and blank values are returned as they are.
 */
final class PathValues {
  private PathValues() {}

  static String map(String key, String value, UnaryOperator<String> entry) {
    if (value == null || value.isBlank()) {
      return value;
    }
    String k = key.trim();
    if (ConfigKeys.PATHS.contains(k)) {
      return entry.apply(value.trim());
    }
    if (!ConfigKeys.PATH_LISTS.contains(k)) {
      return value;
    }
    List<String> entries = new ArrayList<>();
    for (String written : value.split(",", -1)) {
      if (written.isBlank()) {
        entries.add(written);
        continue;
      }
      String path = entry.apply(written.trim());
      if (path.contains(",")) {
        // the list is comma-separated: a path that gained a comma would be read as two files
        throw new ConfigException(
            k
                + " names "
                + written.trim()
                + ", which stands for "
                + path
                + ", a path whose directory name holds a comma, which separates this key's files:"
                + " give absolute paths, or move the files to a directory without a comma");
      }
      entries.add(path);
    }
    return String.join(",", entries);
  }
}
