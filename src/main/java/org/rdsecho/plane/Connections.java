package org.rdsecho.plane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ExportSettings;
import org.rdsecho.dump.ConnectionSpec;
import org.rdsecho.stage.EchoInstance;

/**
 * Builds the data plane's connection to a clone: its endpoint or the configured host/port, and the
 * password from an environment variable, a file, or (with a warning) the properties; with none of
 * them the MySQL option file (~/.my.cnf) supplies it.
 */
public final class Connections {
  private Connections() {}

  public static ConnectionSpec to(EchoInstance instance, ExportSettings s, PlaneContext ctx) {
    String host = s.host() != null ? s.host() : instance.endpoint();
    int port = s.port() != null ? s.port() : instance.port() == null ? 3306 : instance.port();
    return spec(host, port, s, ctx, "rdsecho.export.");
  }

  /**
   * The promoted clone {@code carry} reads from (§13): its endpoint, or rdsecho.carry.fromHost and
   * fromPort, with the export credentials.
   */
  public static ConnectionSpec toPromoted(
      EchoInstance promoted,
      org.rdsecho.config.CarrySettings c,
      ExportSettings s,
      PlaneContext ctx) {
    String host = c.fromHost() != null ? c.fromHost() : promoted.endpoint();
    int port =
        c.fromPort() != null ? c.fromPort() : promoted.port() == null ? 3306 : promoted.port();
    return spec(host, port, s, ctx, "rdsecho.export.");
  }

  /** The verification server of {@code verify} (§13), with the {@code rdsecho.verify.*} keys. */
  public static ConnectionSpec toVerifyServer(
      org.rdsecho.config.VerifySettings v, PlaneContext ctx) {
    return spec(
        v.host(), v.port() == null ? 3306 : v.port(), v.asConnection(), ctx, "rdsecho.verify.");
  }

  private static ConnectionSpec spec(
      String host, int port, ExportSettings s, PlaneContext ctx, String keys) {
    Path ca = s.sslCa() == null ? null : ctx.workDir().resolve(s.sslCa());
    if (ca != null && !Files.isReadable(ca)) {
      throw new ConfigException(
          keys
              + "sslCa="
              + s.sslCa()
              + ": no readable file there; give the"
              + " path of the CA bundle (for RDS: the region's global-bundle.pem)");
    }
    return new ConnectionSpec(host, port, s.user(), password(s, ctx, keys), ca);
  }

  private static String password(ExportSettings s, PlaneContext ctx, String keys) {
    if (s.passwordEnv() != null) {
      String value = ctx.variables().get(s.passwordEnv());
      if (value == null) {
        // the name is not shown: values of password keys are masked, in case the password itself
        // was put here
        throw new ConfigException(
            keys
                + "passwordEnv names an environment variable that is not set"
                + " (its value is not shown): export it before running this command, and check that the key holds the"
                + " variable's name, not the password");
      }
      return value;
    }
    if (s.passwordFile() != null) {
      Path file = ctx.workDir().resolve(s.passwordFile());
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
          ctx.warn().accept(file + " is readable by everyone: chmod 600 it");
        }
        return withoutFinalNewline(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        String why =
            e instanceof java.nio.file.NoSuchFileException
                ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied"
                    : "it cannot be read";
        throw new ConfigException(
            keys
                + "passwordFile names a file that cannot be read ("
                + why
                + "; its name is not shown): give a file holding the password alone, readable by this user only");
      }
    }
    return s.password();
  }

  /**
   * Editors end files with a newline; anything else (spaces, inner newlines) is the password's own.
   */
  static String withoutFinalNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
