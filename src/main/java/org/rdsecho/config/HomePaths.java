package org.rdsecho.config;

/**
 * A path key's value that starts with {@code ~} means the home directory of the user running
 * rds-echo, as it would in a shell. Neither the properties file nor a {@code -D} option passes
 * through a shell, so without this {@code export.dir=~/dumps} made a directory named {@code ~}
 * beside the file, which a later {@code rm -r ~} by hand would confuse with the home directory.
 */
final class HomePaths {
  private HomePaths() {}

  /**
   * The value with a leading {@code ~} or {@code ~/} replaced by {@code home}; other keys and
   * values are returned as they are.
   *
   * @param home the home directory, or null where it is not known (then a {@code ~} is refused)
   */
  static String expand(String key, String value, String home) {
    return PathValues.map(key, value, path -> expandOne(key.trim(), path, home));
  }

  private static String expandOne(String key, String path, String home) {
    if (!path.startsWith("~")) {
      return path;
    }
    if (!path.equals("~") && !path.startsWith("~/")) {
      throw new ConfigException(
          key
              + " names "
              + path
              + ", another user's home directory: rds-echo expands only ~ and ~/ (the home"
              + " directory of the user it runs as); give the absolute path");
    }
    if (home == null || home.isBlank() || !home.startsWith("/")) {
      throw new ConfigException(
          key
              + " names "
              + path
              + ", under the home directory, but the home directory of this user is not"
              + " known: give the absolute path");
    }
    String rest = path.substring(1);
    return home.endsWith("/") && rest.startsWith("/") ? home + rest.substring(1) : home + rest;
  }
}
