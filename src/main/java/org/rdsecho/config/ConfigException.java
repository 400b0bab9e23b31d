package org.rdsecho.config;

/** A missing, malformed or unknown configuration key; the message names the key and the fix. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
