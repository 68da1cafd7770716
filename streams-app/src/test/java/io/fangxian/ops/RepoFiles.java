package io.fangxian.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the repository root (docs/, docker/), found from the test's working directory. */
final class RepoFiles {
  private RepoFiles() { }

  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("streams-app")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }
}
