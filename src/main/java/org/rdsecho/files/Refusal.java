package org.rdsecho.files;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * The failure (exit 1) for an object rds-echo will not use: what it is, that it was left alone, and
 * the command that removes it. Never more than the name is touched, so the message can promise it.
 */
public final class Refusal {
  private Refusal() {}

  /** {@code path} is not the kind of object expected ({@code file} or {@code directory}). */
  static EchoException of(Path path, PosixFileAttributes seen, String expected) {
    return new EchoException(
        Outcome.FAILED,
        path
            + " is "
            + kind(seen)
            + ", where rds-echo expects its own "
            + expected
            + "; it was left alone (nothing was opened, changed or removed through it). Remove it ("
            + removal(path, seen)
            + ") if it should not be there, then run the command again");
  }

  static EchoException foreign(Path path, PosixFileAttributes seen, String expected) {
    return new EchoException(
        Outcome.FAILED,
        path
            + " is "
            + kind(seen)
            + " owned by "
            + seen.owner().getName()
            + ", not by "
            + Owner.name()
            + " (this run's user), where rds-echo expects its own "
            + expected
            + "; it was left alone. Remove it ("
            + removal(path, seen)
            + ") if it should not be there, then run the"
            + " command again");
  }

  static EchoException swapped(Path path) {
    return new EchoException(
        Outcome.FAILED,
        path
            + " was replaced while rds-echo opened it (someone else writes"
            + " there); nothing was done through it. Find out who, remove what is there (rm -- '"
            + path
            + "'), then run"
            + " the command again");
  }

  static EchoException blocked(Path path) {
    return new EchoException(
        Outcome.FAILED,
        path
            + " did not open within "
            + BoundedOpen.LIMIT_SECONDS
            + " s: something replaced it with a FIFO or device while rds-echo opened it; nothing was done through it."
            + " Remove it (rm -- '"
            + path
            + "'), then run the command again");
  }

  static String kind(PosixFileAttributes seen) {
    if (seen.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (seen.isDirectory()) {
      return "a directory";
    }
    if (seen.isRegularFile()) {
      return "a file";
    }
    return "a FIFO, socket or device";
  }

  /** The command that removes what is at {@code path} (a link itself, never its target). */
  static String removal(Path path, PosixFileAttributes seen) {
    return (seen.isDirectory() ? "rmdir -- '" : "rm -- '") + path + "'";
  }
}
