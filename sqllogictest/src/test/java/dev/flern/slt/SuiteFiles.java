package dev.flern.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Flern's own suite: every {@code test/*.test} of this module (tests run in the module directory). */
final class SuiteFiles {
  static final Path DIR = Path.of("test");

  private SuiteFiles() {}

  static List<Path> all() {
    try (Stream<Path> s = Files.list(DIR)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
      if (files.isEmpty()) throw new IllegalStateException("no .test files under " + DIR.toAbsolutePath());
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SltScript parse(Path file) {
    try {
      return SltParser.parse(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One dynamic test per file; a file fails listing every failed record with its diff. */
  static Stream<DynamicTest> tests(Supplier<SltDatabase> engine) {
    return all().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      FileReport rep;
      try (SltDatabase db = engine.get()) {
        rep = new SltRunner().run(parse(file), db);
      }
      if (rep.failed() > 0) {
        StringBuilder sb = new StringBuilder(file + ": " + rep.summary());
        for (RecordResult f : rep.failures()) sb.append("\n\n").append(f.describe());
        throw new AssertionError(sb.toString());
      }
      if (rep.passed() == 0) throw new AssertionError(file + ": no record ran (" + rep.summary() + ")");
    }));
  }
}
