package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution installed exactly as the README says ({@code tar -xzf
 * target/rds-echo-dist.tar.gz -C /opt}, then a link onto the PATH), with a temporary directory for
 * {@code /opt} and for the PATH: the launcher runs through the link, builds nothing, and uses a
 * start-up archive from its second run on, as the source launcher does.
 */
class DistributionIT {
  @TempDir Path dir;

  @Test
  void unpacksAsTheReadmeSaysAndRunsThroughTheLinkWithAStartUpArchive() throws Exception {
    Path tarball = Path.of("target/rds-echo-dist.tar.gz").toAbsolutePath();
    assertTrue(Files.isRegularFile(tarball), "mvn package made " + tarball);
    Path opt = Files.createDirectories(dir.resolve("opt"));
    assertEquals(
        0, run(List.of("tar", "-xzf", tarball.toString(), "-C", opt.toString()), null).exit());
    Path home = opt.resolve("rds-echo");
    assertTrue(Files.isExecutable(home.resolve("bin/rds-echo")), "/opt/rds-echo/bin/rds-echo");
    assertTrue(Files.isRegularFile(home.resolve("lib/rds-echo.jar")));
    // the start-up training is test code, shipped beside the tool's jar rather than in it
    assertTrue(Files.isRegularFile(home.resolve("lib/rds-echo-training.jar")));
    try (var jar = new java.util.jar.JarFile(home.resolve("lib/rds-echo.jar").toFile())) {
      assertTrue(
          jar.getEntry("org/rdsecho/cli/StartupTraining.class") == null,
          "no training in the tool's jar");
    }
    assertTrue(Files.isRegularFile(home.resolve("rdsecho.properties.sample")));
    Path bin = Files.createDirectories(dir.resolve("usr-local-bin"));
    Path link = Files.createSymbolicLink(bin.resolve("rds-echo"), home.resolve("bin/rds-echo"));

    Outcome first = run(List.of(link.toString(), "--version"), null);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().startsWith("rds-echo "), first.out());
    assertTrue(!first.err().contains("building"), "an installation builds nothing: " + first.err());
    try (var archives = Files.list(home.resolve("lib"))) {
      assertTrue(
          archives.anyMatch(p -> p.getFileName().toString().endsWith(".jsa")),
          "the first run trained a start-up archive beside the jar");
    }

    Outcome mapped = run(List.of(link.toString(), "--version"), "-Xlog:class+load=info");
    assertEquals(0, mapped.exit(), mapped.err());
    assertTrue(
        mapped.out().contains("org.rdsecho.cli.RdsEcho source: shared objects file"),
        "the second run maps the tool's classes from the archive");

    // cron as a user who may not write to the installation (root installed it): the archive goes
    // to that user's cache, and the tool runs all the same
    Path user = Files.createDirectories(dir.resolve("home"));
    List<String> asNobody = List.of();
    if ("root".equals(System.getProperty("user.name"))) {
      // the temporary directories are root's 0700: let the other user through, not write
      for (Path p = dir;
          p != null && !p.equals(Path.of("/tmp")) && !p.equals(p.getRoot());
          p = p.getParent()) {
        Files.setPosixFilePermissions(
            p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      assertEquals(0, run(List.of("chown", "65534:65534", user.toString()), null).exit());
      asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
    } else {
      home.resolve("lib").toFile().setWritable(false, false);
    }
    List<String> line = new java.util.ArrayList<>(asNobody);
    line.addAll(List.of(link.toString(), "help", "new"));
    Outcome other;
    try {
      other = runAs(line, user);
    } finally {
      home.resolve("lib").toFile().setWritable(true, true);
    }
    assertEquals(0, other.exit(), other.err());
    assertTrue(other.out().contains("new"), other.out());
    try (var cached = Files.list(user.resolve(".cache/rds-echo"))) {
      assertTrue(
          cached.anyMatch(p -> p.getFileName().toString().endsWith(".jsa")),
          "that user's start-up archive is in their cache");
    }
  }

  private record Outcome(int exit, String out, String err) {}

  private Outcome run(List<String> command, String javaOpts)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (javaOpts != null) {
      builder.environment().put("RDS_ECHO_JAVA_OPTS", javaOpts);
    }
    return finish(builder);
  }

  private Outcome runAs(List<String> command, Path home) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("XDG_CACHE_HOME");
    return finish(builder);
  }

  private static Outcome finish(ProcessBuilder builder) throws IOException, InterruptedException {
    Path out = Files.createTempFile("dist-out", ".txt");
    Path err = Files.createTempFile("dist-err", ".txt");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the launcher returned");
    Outcome o =
        new Outcome(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return o;
  }
}
