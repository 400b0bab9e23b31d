package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as cron starts it: eight {@code bin/rds-echo --version} at once right after a change
 * to the sources all succeed, and only one of them builds. Runs on a copy of the project (the files
 * git tracks), so the build under test never touches this build's target directory.
 */
class LauncherIT {
  @TempDir Path dir;

  @Test
  void eightConcurrentLaunchesAfterAChangeAllSucceedAndOneBuilds() throws Exception {
    Path project = copyOfTheProject();
    Process first = launch(project);
    assertTrue(first.waitFor(10, TimeUnit.MINUTES));
    assertEquals(0, first.exitValue(), read(first.getErrorStream()));

    Files.setLastModifiedTime(
        project.resolve("pom.xml"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
    Thread.sleep(2100);
    List<Process> launches = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      launches.add(launch(project));
    }
    int builds = 0;
    for (Process p : launches) {
      assertTrue(p.waitFor(10, TimeUnit.MINUTES), "a launch hung");
      String out = read(p.getInputStream());
      String err = read(p.getErrorStream());
      assertEquals(0, p.exitValue(), err);
      assertTrue(out.startsWith("rds-echo "), out);
      builds += err.contains("rds-echo: building") ? 1 : 0;
    }
    assertEquals(1, builds, "one launch built, the others waited for it");

    // the build leaves a class-data sharing archive, which the next launch maps (and says so when
    // asked)
    Path archive = project.resolve("target/launcher/rds-echo.jsa");
    assertTrue(Files.size(archive) > 1_000_000, "an AppCDS archive of the stage commands' classes");
    ProcessBuilder mapped =
        new ProcessBuilder(project.resolve("bin/rds-echo").toString(), "--version");
    mapped.environment().put("RDS_ECHO_JAVA_OPTS", "-Xlog:class+load=info");
    Process p = mapped.start();
    String loaded = read(p.getInputStream());
    assertEquals(0, p.waitFor());
    assertTrue(
        loaded.contains("org.rdsecho.cli.Main source: shared objects file"),
        "Main comes from the archive");
    assertTrue(
        loaded.contains("org.rdsecho.cli.RdsEcho source: shared objects file"),
        "and so does the rest");
  }

  private Process launch(Path project) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(project.resolve("bin/rds-echo").toString(), "--version");
    builder.environment().put("MAVEN_OPTS", "-Xmx512m");
    return builder.start();
  }

  private Path copyOfTheProject() throws Exception {
    Process ls =
        new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard").start();
    List<String> files = read(ls.getInputStream()).lines().toList();
    assertEquals(0, ls.waitFor());
    Path project = dir.resolve("rds-echo");
    for (String file : files) {
      Path from = Path.of(file);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = project.resolve(file);
      Files.createDirectories(to.getParent());
      Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    return project;
  }

  private static String read(java.io.InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
