package org.rdsecho.config;

import java.util.List;
import java.util.Map;

/**
 * The scratch server {@code verify} loads dumps into (§13), logged into like the clone.
 *
 * @param required {@code promote} refuses clones not verified
 */
public record VerifySettings(
    String host,
    Integer port,
    String user,
    String passwordEnv,
    String passwordFile,
    String sslCa,
    boolean required) {

  public boolean configured() {
    return host != null;
  }

  /** The same shape as the clone's connection settings, so one builder makes both connections. */
  public ExportSettings asConnection() {
    return new ExportSettings(
        List.of(),
        null,
        user,
        passwordEnv,
        passwordFile,
        null,
        host,
        port,
        sslCa,
        null,
        null,
        Map.of(),
        false,
        null,
        List.of(),
        null,
        null,
        null,
        false,
        1);
  }

  /** The rdsecho.verify.* keys. */
  static VerifySettings read(ConfigReader r) {
    return new VerifySettings(
        r.string(ConfigKeys.VERIFY_HOST),
        r.integer(ConfigKeys.VERIFY_PORT, 1, 65535),
        r.string(ConfigKeys.VERIFY_USER),
        r.string(ConfigKeys.VERIFY_PASSWORD_ENV),
        r.string(ConfigKeys.VERIFY_PASSWORD_FILE),
        r.string(ConfigKeys.VERIFY_SSL_CA),
        r.bool(ConfigKeys.VERIFY_REQUIRED, false));
  }
}
