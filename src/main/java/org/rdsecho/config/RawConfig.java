package org.rdsecho.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * The configuration as layered strings, each value remembering where it came from, so that an error
 * can say where a value was looked for. Precedence, highest first: {@code -D} options and JVM
 * system properties, {@code RDS_ECHO_OPTS}, the properties file.
 */
public final class RawConfig {
  public static final String DEFAULT_FILE = "rdsecho.properties";
  public static final String OPTS_VARIABLE = "RDS_ECHO_OPTS";

  private final Map<String, String> values;
  private final Map<String, String> origins;
  private final List<String> searched;

  private RawConfig(
      Map<String, String> values, Map<String, String> origins, List<String> searched) {
    this.values = values;
    this.origins = origins;
    this.searched = List.copyOf(searched);
  }

  /** For tests and embedding: the given values, as if from {@code -D} options. */
  public static RawConfig of(Map<String, String> values) {
    Map<String, String> origins = new LinkedHashMap<>();
    values.keySet().forEach(k -> origins.put(k, "-D options"));
    return new RawConfig(new LinkedHashMap<>(values), origins, List.of("-D options"));
  }

  /**
   * Reads every layer.
   *
   * @param file the {@code -c} file, or null for {@code ./rdsecho.properties} when present
   * @param workDir where the default file is looked for
   */
  public static RawConfig load(
      Path file,
      Path workDir,
      String optsVariable,
      Properties systemProperties,
      Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    List<String> searched = new ArrayList<>();
    String home = systemProperties.getProperty("user.home");

    Path properties = workDir.resolve(file != null ? file : Path.of(DEFAULT_FILE));
    searched.add(properties.toString());
    if (file != null && !Files.isRegularFile(properties)) {
      throw new ConfigException(
          "configuration file "
              + file
              + " not found: check the -c/--config path, or run 'rds-echo sample-props' to write"
              + " a template");
    }
    if (Files.isRegularFile(properties)) {
      // relative paths in a file mean what they say beside it, wherever cron or Jenkins starts
      Path beside = workDir.resolve(properties).toAbsolutePath().normalize().getParent();
      readFile(properties)
          .forEach(
              (k, v) ->
                  put(
                      values,
                      origins,
                      k,
                      relativeTo(beside, k, HomePaths.expand(k, v, home)),
                      properties.toString()));
    }

    searched.add(OPTS_VARIABLE);
    if (optsVariable != null && !optsVariable.isBlank()) {
      List<String> words = ShellWords.split(optsVariable);
      for (int w = 0; w < words.size(); w++) {
        String word = words.get(w);
        if (!word.startsWith("-D") || word.indexOf('=') < 3) {
          // the word is not shown: with a value quoted wrongly it may be a piece of a password
          throw new ConfigException(
              OPTS_VARIABLE
                  + " holds a word that is not -Dkey=value (word "
                  + (w + 1)
                  + " of "
                  + words.size()
                  + ", not shown as it may be part of a secret): quote values that contain spaces,"
                  + " e.g. -Dkey='a b' ('rds-echo sample-opts' prints an example)");
        }
        String pair = word.substring(2);
        int eq = pair.indexOf('=');
        String key = pair.substring(0, eq);
        put(
            values,
            origins,
            key,
            HomePaths.expand(key, pair.substring(eq + 1), home),
            OPTS_VARIABLE);
      }
    }

    searched.add("JVM system properties");
    for (String key : systemProperties.stringPropertyNames()) {
      if (key.startsWith(ConfigKeys.PREFIX)) {
        put(
            values,
            origins,
            key,
            HomePaths.expand(key, systemProperties.getProperty(key), home),
            "JVM system properties");
      }
    }
    searched.add("-D options");
    overrides.forEach(
        (k, v) -> put(values, origins, k, HomePaths.expand(k, v, home), "-D options"));
    return new RawConfig(values, origins, searched);
  }

  /**
   * A value from the properties file with its relative paths resolved against the file's directory
   * (§17); other keys, blank values and absolute paths are left as they are. {@code -D} and {@code
   * RDS_ECHO_OPTS} values are not passed here: they are typed where the command runs, so they keep
   * resolving against the working directory.
   */
  static String relativeTo(Path dir, String key, String value) {
    return PathValues.map(key, value, path -> resolved(dir, path));
  }

  private static String resolved(Path dir, String path) {
    return path.startsWith("/") ? path : dir.resolve(path).normalize().toString();
  }

  private static void put(
      Map<String, String> values,
      Map<String, String> origins,
      String key,
      String value,
      String origin) {
    values.put(key.trim(), value == null ? "" : value.trim());
    origins.put(key.trim(), origin);
  }

  /**
   * Reads the file as UTF-8, or as ISO-8859-1 (what java.util.Properties and 0.1.x used) when it is
   * not valid UTF-8. Values are literal: no <code>${...}</code> interpolation (a <code>${</code> in
   * a password stays as it is), no {@code include}; a key given twice takes its last value.
   */
  private static Map<String, String> readFile(Path path) {
    PropertiesConfiguration properties = new PropertiesConfiguration();
    properties.setIncludesAllowed(false);
    try {
      new FileHandler(properties).load(new StringReader(decode(Files.readAllBytes(path))));
    } catch (IOException | ConfigurationException e) {
      throw new ConfigException(
          "cannot read configuration file "
              + path
              + ": "
              + e.getMessage()
              + " — check that it"
              + " exists, is readable and is a Java properties file");
    }
    Map<String, String> read = new LinkedHashMap<>();
    for (Iterator<String> keys = properties.getKeys(); keys.hasNext(); ) {
      String key = keys.next();
      Object value = properties.getProperty(key);
      if (value instanceof List<?> values) {
        value = values.isEmpty() ? "" : values.get(values.size() - 1);
      }
      read.put(key, value == null ? "" : value.toString());
    }
    return read;
  }

  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** The value, or empty when absent or blank (0.1.x files leave optional keys empty). */
  public Optional<String> get(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public Map<String, String> values() {
    return Map.copyOf(values);
  }

  public String originOf(String key) {
    return origins.getOrDefault(key, "defaults");
  }

  /** Where values were looked for, for "not set" messages. */
  public String searched() {
    return String.join(", ", searched);
  }
}
