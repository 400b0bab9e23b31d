package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/** Parsing without running anything, and the messages of every usage error. */
class CommandLineTest {
  @TempDir Path dir;

  private static GlobalOptions parse(String... args) {
    GlobalOptions global = new GlobalOptions();
    JCommander jc = JCommander.newBuilder().addObject(global).build();
    RdsEcho.commands(global).forEach(jc::addCommand);
    jc.parse(Defines.extract(args, new LinkedHashMap<>()).toArray(String[]::new));
    return global;
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheCommandName() {
    GlobalOptions before = parse("--region", "eu-west-1", "-o", "json", "--dry-run", "promote");
    GlobalOptions after = parse("promote", "--region", "eu-west-1", "-o", "json", "--dry-run");
    for (GlobalOptions g : List.of(before, after)) {
      assertEquals("eu-west-1", g.region);
      assertTrue(g.json());
      assertTrue(g.dryRun());
    }
    GlobalOptions waiting =
        parse("new", "--wait", "--timeout", "1h30m", "--instance", "development-x", "-y");
    assertTrue(waiting.waitForIt());
    assertEquals(Duration.ofMinutes(90), waiting.timeout());
    assertEquals("development-x", waiting.instance());
    assertTrue(waiting.yes());
  }

  @Test
  void defineOptionsAreAcceptedWithAndWithoutASpace() {
    Map<String, String> overrides = new LinkedHashMap<>();
    List<String> rest =
        Defines.extract(
            new String[] {
              "-D", "rdsecho.name=a", "status", "-Drdsecho.promote.ttl=5", "-D", "k=v=w"
            },
            overrides);
    assertEquals(List.of("status"), rest);
    assertEquals(Map.of("rdsecho.name", "a", "rdsecho.promote.ttl", "5", "k", "v=w"), overrides);
    ParameterException e =
        assertThrows(
            ParameterException.class,
            () -> Defines.extract(new String[] {"-D", "novalue"}, new LinkedHashMap<>()));
    assertEquals("-D takes key=value, and argument 2 has no '=' after a key", e.getMessage());
  }

  @Test
  void durationsReadTheUsualSpellings() {
    DurationConverter c = new DurationConverter();
    assertEquals(Duration.ofSeconds(90), c.convert("90s"));
    assertEquals(Duration.ofSeconds(90), c.convert("90"));
    assertEquals(Duration.ofHours(2), c.convert("2h"));
    assertEquals(Duration.ofMinutes(45), c.convert("PT45M"));
    ParameterException e = assertThrows(ParameterException.class, () -> c.convert("soon"));
    assertEquals(
        "--timeout takes a duration such as 90s, 45m, 2h or 1h30m, not 'soon'", e.getMessage());
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithExitCode2() {
    Run run = new Harness(dir).run("status", "--frobnicate");
    assertEquals(2, run.exitCode());
    assertEquals(
        "unknown option --frobnicate for 'status': run 'rds-echo help status' for its options\n",
        run.err());
    Run command = new Harness(dir).run("frobnicate");
    assertEquals(2, command.exitCode());
    assertEquals(
        "unknown command frobnicate (run 'rds-echo --help' for the options and commands)\n",
        command.err());
  }

  @Test
  void aMistypedCommandOrHelpTopicIsAUsageErrorThatNamesTheCommandMeant() {
    Run typo = new Harness(dir).run("promte");
    assertEquals(2, typo.exitCode());
    assertEquals(
        "unknown command promte, did you mean promote? (run 'rds-echo --help' for the options and"
            + " commands)\n",
        typo.err());
    Run help = new Harness(dir).run("help", "promte");
    assertEquals(2, help.exitCode());
    assertEquals("", help.out(), "no usage printed as if it were an answer");
    assertTrue(help.err().startsWith("unknown command promte, did you mean promote?"), help.err());
  }

  @Test
  void helpListsGlobalOptionsOnceAndEachCommandItsKeysExitCodesAndAnExample() {
    Harness h = new Harness(dir);
    Run overview = h.run("--help");
    assertEquals(0, overview.exitCode());
    assertTrue(overview.out().lines().count() < 50, overview.out().lines().count() + " lines");
    assertEquals(1, overview.out().split("--endpoint-url", -1).length - 1, "global options once");
    assertTrue(
        overview.out().contains("(default 2h)") && !overview.out().contains("PT2H"),
        overview.out());
    assertEquals(
        RdsEcho.commands(new GlobalOptions()).stream().map(EchoCommand::name).sorted().toList(),
        CommandHelp.COMMANDS.keySet().stream().sorted().toList(),
        "every command has its help entry");
    for (String command : CommandHelp.COMMANDS.keySet()) {
      Run help = h.run("help", command);
      assertEquals(0, help.exitCode(), command);
      assertTrue(
          (help.out().contains("Configuration keys: ")
                  && help.out().contains("Exit codes: ")
                  && help.out().contains("Example: rds-echo"))
              || help.out().contains("Example: */15"),
          help.out());
      assertTrue(!help.out().contains("--endpoint-url"), "no global options under " + command);
    }
    assertTrue(h.run("sanitize", "--help").out().contains("--rerun-scripts"));
  }

  @Test
  void aBadOutputFormatIsAUsageError() {
    Run run = new Harness(dir).run("-o", "yaml", "status");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("-o takes text or json, not 'yaml'"), run.err());
  }

  @Test
  void noCommandPrintsUsageAndExits2() {
    Run run = new Harness(dir).run();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("no command given"), run.err());
    assertTrue(run.err().contains("promote"), run.err());
  }

  @Test
  void helpForOneCommandShowsItsOptions() {
    Run run = new Harness(dir).run("help", "confirm");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("--by"), run.out());
  }

  @Test
  void versionIsPrinted() {
    Run run = new Harness(dir).run("--version");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("rds-echo "), run.out());
  }

  @Test
  void aConfigurationErrorExits2BeforeAnyAwsCall() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.promote.cnmae", "x");
    Run run = h.run("status");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("did you mean rdsecho.promote.cname?"), run.err());
    assertEquals(0, h.rds.describeCalls());
  }

  @Test
  void aMissingNameExits2AndNamesTheKey() {
    Harness h = new Harness(dir);
    h.config.remove("rdsecho.name");
    Run run = h.run("new");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("rdsecho.name is not set (looked in "), run.err());
  }

  @Test
  void promoteWithoutACnameExits2() {
    Harness h = new Harness(dir).usualNight();
    h.config.remove("rdsecho.promote.cname");
    Run run = h.run("promote", "--yes");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("rdsecho.promote.cname is not set"), run.err());
  }

  @Test
  void stackTracesOnlyWithVerbose() {
    Harness h = new Harness(dir);
    h.config.put("rdsecho.snapshot.dbInstanceIdentifier", "missing");
    Run quiet = h.run("new");
    assertEquals(1, quiet.exitCode());
    assertFalse(quiet.err().contains("\tat "), quiet.err());
    Run verbose = h.run("new", "-v");
    assertTrue(verbose.err().contains("\tat org.rdsecho"), verbose.err());
  }

  @Test
  void samplePropsWritesTheTemplateOnceAndNeverOverwrites() throws Exception {
    Harness h = new Harness(dir);
    h.writeConfigFile = false;
    Path target = dir.resolve("rdsecho.properties");
    Run first = h.run("sample-props");
    assertEquals(0, first.exitCode(), first.err());
    assertEquals(Files.readString(Path.of("rdsecho.properties.sample")), Files.readString(target));
    Files.writeString(target, "rdsecho.name=Broken Name");
    Run second = h.run("sample-props");
    assertEquals(4, second.exitCode());
    assertTrue(second.out().contains("already exists and was left as it is"), second.out());
    assertEquals("rdsecho.name=Broken Name", Files.readString(target));
  }

  @Test
  void sampleOptsPrintsAnExportLine() {
    Run run = new Harness(dir).run("sample-opts");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.out().startsWith("export RDS_ECHO_OPTS=\"-Drdsecho.name=development"), run.out());
  }
}
