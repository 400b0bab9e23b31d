package org.rdsecho.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.ExportSettings;
import org.rdsecho.config.SanitizeSettings;
import org.rdsecho.plane.DumpSettings;

/**
 * What {@code new} and {@code advance} check before their first AWS write (§17): every configured
 * file is a readable regular file (scripts, checks, key files, which are also parsed, password
 * files, CA bundles), every configured directory can be made, and every server setting is whole. A
 * restore that costs an hour must not end at the sanitize step on a typo: a problem here is a
 * configuration error (2) naming the key, before anything is created.
 */
final class Preflight {
  private Preflight() {}

  static void check(Context ctx) {
    EchoConfig config = ctx.config();
    ExportSettings export = config.export();
    SanitizeSettings sanitize = config.sanitize();
    sanitize
        .scripts()
        .forEach(
            f ->
                readable(
                    ctx, ConfigKeys.SANITIZE_SCRIPTS, f, "readable SQL files, comma-separated"));
    if (sanitize.checks() != null) {
      readable(
          ctx,
          ConfigKeys.SANITIZE_CHECKS,
          sanitize.checks(),
          "a readable SQL file of SELECT statements");
    }
    keys(ctx, ConfigKeys.EXPORT_ENCRYPT_TO, export.encryptTo());
    keys(ctx, ConfigKeys.SANITIZE_ENCRYPT_TO, sanitize.encryptTo());
    // parsed as the dump will: a key that is expired, revoked or cannot encrypt is found now
    DumpSettings.checkKeys(PlaneWiring.of(ctx));
    if (export.passwordFile() != null) {
      secret(ctx, ConfigKeys.EXPORT_PASSWORD_FILE, export.passwordFile());
    }
    if (config.verify().passwordFile() != null) {
      secret(ctx, ConfigKeys.VERIFY_PASSWORD_FILE, config.verify().passwordFile());
    }
    if (export.sslCa() != null) {
      readable(ctx, ConfigKeys.EXPORT_SSL_CA, export.sslCa(), "the path of the CA bundle");
    }
    if (config.verify().sslCa() != null) {
      readable(ctx, ConfigKeys.VERIFY_SSL_CA, config.verify().sslCa(), "the path of the CA bundle");
    }
    if (export.passwordEnv() != null && !ctx.env().variables().containsKey(export.passwordEnv())) {
      // the name is not shown, as Connections does: the key may hold the password by mistake
      throw new ConfigException(
          ConfigKeys.EXPORT_PASSWORD_ENV
              + " names an environment variable that is not set"
              + " (its value is not shown): export it where rds-echo runs (the cron line, the Jenkins credentials)");
    }
    if (config.verify().configured()
        && config.verify().passwordEnv() != null
        && !ctx.env().variables().containsKey(config.verify().passwordEnv())) {
      throw new ConfigException(
          ConfigKeys.VERIFY_PASSWORD_ENV
              + " names an environment variable that is not set"
              + " (its value is not shown): export it where rds-echo runs");
    }
    directory(ctx, ConfigKeys.EXPORT_DIR, export.dir());
    directory(ctx, ConfigKeys.SANITIZE_DIR, sanitize.dir());
    directory(ctx, ConfigKeys.LOG_DIR, config.logDir() == null ? null : config.logDir().toString());
  }

  /** A configured file that must be a readable regular file; its resolved path. */
  static Path readable(Context ctx, String key, String file, String expected) {
    Path path = ctx.env().workDir().resolve(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      String what =
          Files.isDirectory(path)
              ? "a directory"
              : Files.exists(path) ? "not a readable regular file" : "missing";
      String where = path.toString().equals(file) ? "" : " (looked at " + path + ")";
      throw new ConfigException(
          key
              + " names "
              + file
              + ", which is "
              + what
              + where
              + ": give "
              + expected
              + "; nothing was changed");
    }
    return path;
  }

  /** A password file: checked like any file, but its name is never shown (it may be the secret). */
  private static void secret(Context ctx, String key, String file) {
    Path path = ctx.env().workDir().resolve(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(
          key
              + " names a file that is missing or cannot be read (its name is not shown):"
              + " give a file holding the password alone, readable by this user only; nothing was changed");
    }
  }

  private static void keys(Context ctx, String key, java.util.List<String> files) {
    files.forEach(
        f ->
            readable(ctx, key, f, "OpenPGP public key files (armored or binary), comma-separated"));
  }

  /**
   * A directory template ({name}, {instance}, {date} are filled in later): the part before the
   * first placeholder must be a directory or creatable below the nearest one that exists.
   */
  private static void directory(Context ctx, String key, String template) {
    if (template == null) {
      return;
    }
    int brace = template.indexOf('{');
    String fixed = brace < 0 ? template : template.substring(0, brace);
    Path path = ctx.env().workDir().resolve(fixed.isEmpty() ? "." : fixed).normalize();
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new ConfigException(
          key
              + "="
              + template
              + ": "
              + existing
              + " is not a directory; give a directory"
              + " path; nothing was changed");
    }
    if (!Files.isWritable(existing) && !existing.equals(path)) {
      throw new ConfigException(
          key
              + "="
              + template
              + ": "
              + path
              + " cannot be made ("
              + existing
              + " is not"
              + " writable by this user); create it or give another path; nothing was changed");
    }
  }
}
