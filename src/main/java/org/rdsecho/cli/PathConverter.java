package org.rdsecho.cli;

import com.beust.jcommander.IStringConverter;
import java.nio.file.Path;

/** JCommander converter for file options. */
public final class PathConverter implements IStringConverter<Path> {
  @Override
  public Path convert(String value) {
    return Path.of(value);
  }
}
