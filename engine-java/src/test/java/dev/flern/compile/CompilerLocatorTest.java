package dev.flern.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerLocatorTest {
  @TempDir Path tmp;

  @Test
  void findsACompilerOnThePath() {
    Compiler c = CompilerLocator.find(Optional.empty(), System.getenv("PATH"));
    assertTrue(Files.isExecutable(c.executable()));
    assertTrue(c.executable().isAbsolute());
    assertFalse(c.version().isBlank());
    assertTrue(c.identity().contains(c.version()));
  }

  @Test
  void nonexistentExplicitCompilerIsAClearError() {
    FlernException e = assertThrows(FlernException.class,
        () -> CompilerLocator.find(Optional.of("/nonexistent/g++"), System.getenv("PATH")));
    assertEquals("no C++ compiler found (tried FLERN_CXX=/nonexistent/g++): install g++ or clang++, or set FLERN_CXX to one",
        e.getMessage());
  }

  @Test
  void systemPropertyChoosesTheCompiler() {
    String old = System.getProperty("flern.cxx");
    System.setProperty("flern.cxx", "/nonexistent/clang++");
    try {
      FlernException e = assertThrows(FlernException.class, CompilerLocator::locate);
      assertTrue(e.getMessage().contains("FLERN_CXX=/nonexistent/clang++"), e.getMessage());
    } finally {
      if (old == null) System.clearProperty("flern.cxx");
      else System.setProperty("flern.cxx", old);
    }
  }

  @Test
  void emptyPathNamesWhatWasTried() {
    FlernException e = assertThrows(FlernException.class, () -> CompilerLocator.find(Optional.empty(), tmp.toString()));
    assertEquals("no C++ compiler found (tried c++, g++, clang++ on the PATH): install g++ or clang++, or set FLERN_CXX to one",
        e.getMessage());
  }

  @Test
  void programThatIsNotACompilerIsRejected() throws Exception {
    Path fake = tmp.resolve("c++");
    Files.writeString(fake, "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    assertThrows(FlernException.class, () -> CompilerLocator.find(Optional.of(fake.toString()), ""));
  }

  @Test
  void explicitNameIsLookedUpOnThePath() {
    Compiler any = CompilerLocator.find(Optional.empty(), System.getenv("PATH"));
    Compiler byName = CompilerLocator.find(Optional.of(any.executable().getFileName().toString()),
        any.executable().getParent().toString());
    assertEquals(any.executable(), byName.executable());
  }
}
