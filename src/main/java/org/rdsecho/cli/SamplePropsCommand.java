package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.rdsecho.config.RawConfig;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/** {@code sample-props}: writes a commented template, never over an existing file. */
@Parameters(
    commandNames = "sample-props",
    commandDescription = "Write a commented rdsecho.properties template to the current directory")
final class SamplePropsCommand implements EchoCommand {
  static final String RESOURCE = "/rdsecho.properties.sample";

  @ParametersDelegate final GlobalOptions global;

  SamplePropsCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "sample-props";
  }

  @Override
  public boolean needsConfig() {
    return false;
  }

  @Override
  public Result run(Context ctx) {
    Path target = ctx.env().workDir().resolve(RawConfig.DEFAULT_FILE);
    if (Files.exists(target)) {
      return Result.of(
          name(),
          null,
          Outcome.REFUSED,
          target
              + " already exists and was left as it is: edit it, or move it away and run"
              + " sample-props again");
    }
    if (global.dryRun()) {
      return Result.of(name(), null, Outcome.DONE, "dry run: would write " + target);
    }
    try (InputStream sample = SamplePropsCommand.class.getResourceAsStream(RESOURCE)) {
      // CREATE_NEW: a file that appeared since the check above is still not overwritten
      Files.write(
          target, sample.readAllBytes(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      return Result.of(
          name(), null, Outcome.REFUSED, target + " already exists and was left as it is");
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot write "
              + target
              + ": "
              + e.getMessage()
              + " — check the directory's permissions");
    }
    return new Result(
        name(),
        null,
        Outcome.DONE,
        true,
        false,
        "wrote " + target + ": edit it, then run 'rds-echo new'",
        null,
        null,
        null,
        List.of(),
        Map.of());
  }
}
