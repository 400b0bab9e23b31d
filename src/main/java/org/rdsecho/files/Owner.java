package org.rdsecho.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/** Who this process is, as file owners are compared, and the refusal of what is not its own. */
final class Owner {
  private static volatile UserPrincipal me;

  private Owner() {}

  static boolean isMe(UserPrincipal owner) {
    return owner.equals(me());
  }

  /** Refused (exit 1, naming {@code path}) unless what was seen there is this user's. */
  static void require(Path path, PosixFileAttributes seen, String expected) {
    if (!isMe(seen.owner())) {
      throw Refusal.foreign(path, seen, expected);
    }
  }

  static UserPrincipal me() {
    if (me == null) {
      try {
        // /proc/self belongs to the process's effective user
        me = Files.getOwner(Path.of("/proc/self"));
      } catch (IOException | RuntimeException e) {
        try {
          Path probe = Files.createTempFile("rdsecho-uid-", ".probe");
          try {
            me = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
          } finally {
            Files.deleteIfExists(probe);
          }
        } catch (IOException again) {
          throw new EchoException(
              Outcome.FAILED, "cannot tell which user this run is: " + again.getMessage());
        }
      }
    }
    return me;
  }

  static String name() {
    return me().getName();
  }
}
