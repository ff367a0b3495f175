package dev.flern.cli;

import dev.flern.FlernException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the demo: {@code examples/demo.sql} under Flern's home, the repository root. The ./flern
 * launcher passes the home as {@code -Dflern.home} and starts the demo in it, because the demo's
 * COPY and read_csv name their files relative to the repository root.
 */
final class Demo {
  private Demo() {}

  static Path home() {
    String prop = System.getProperty("flern.home");
    if (prop != null && !prop.isBlank()) return Path.of(prop);
    // Run straight from the build: the jar (or classes directory) is under cli/target/.
    try {
      Path code = Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = code; p != null; p = p.getParent())
        if (Files.isRegularFile(p.resolve("examples/demo.sql"))) return p;
    } catch (URISyntaxException | RuntimeException e) {
      // fall back to the current directory
    }
    return Path.of("").toAbsolutePath();
  }

  static Path script(Path home) {
    Path script = home.resolve("examples/demo.sql");
    if (!Files.isRegularFile(script))
      throw new FlernException("the demo script " + script + " is missing (is this a Flern checkout?)");
    Path data = Path.of("examples/data");
    if (!Files.isDirectory(data) || !sameFile(home, Path.of("")))
      throw new FlernException("the demo reads examples/data/ relative to the current directory: run it as "
          + "./flern demo, or from " + home);
    return script;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b.toAbsolutePath());
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
