package org.rdsecho.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An open directory as {@code /proc/self/fd/N}, for the two calls Java's handle lacks (mkdirat,
 * linkat): the kernel resolves it to the open directory itself, whatever its path has become. The
 * descriptor is found by the open directory's identity (device and inode).
 */
final class ProcFd {
  private ProcFd() {}

  static Path of(SafeDir dir) throws IOException {
    Object key = dir.attributes().fileKey();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          BasicFileAttributes a = Files.readAttributes(fd, BasicFileAttributes.class);
          if (a.isDirectory() && key.equals(a.fileKey())) {
            return fd;
          }
        } catch (IOException e) {
          // a descriptor closed meanwhile
        }
      }
    }
    throw new IOException("cannot find the open directory " + dir.path() + " among /proc/self/fd");
  }
}
