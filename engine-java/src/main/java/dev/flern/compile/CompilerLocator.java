package dev.flern.compile;

import dev.flern.FlernException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the C++ compiler: system property {@code flern.cxx}, else {@code FLERN_CXX}, else the first
 * of {@code c++}, {@code g++}, {@code clang++} on the PATH. The value may be a path or a name looked
 * up on the PATH. An explicit choice that does not work is an error, not a silent fallback: the user
 * asked for that compiler.
 */
public final class CompilerLocator {
  static final List<String> DEFAULTS = List.of("c++", "g++", "clang++");
  private static final String ADVICE = "install g++ or clang++, or set FLERN_CXX to one";

  private CompilerLocator() {}

  /** The compiler this process is configured to use. */
  public static Compiler locate() {
    Optional<String> explicit = Optional.ofNullable(System.getProperty("flern.cxx")).filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(System.getenv("FLERN_CXX")).filter(s -> !s.isBlank()));
    return find(explicit, Optional.ofNullable(System.getenv("PATH")).orElse(""));
  }

  /** Looks for {@code explicit} if present, else the defaults, on {@code pathVariable}. */
  public static Compiler find(Optional<String> explicit, String pathVariable) {
    List<String> tried = new ArrayList<>();
    if (explicit.isPresent()) {
      String name = explicit.get().strip();
      tried.add("FLERN_CXX=" + name);
      Optional<Compiler> c = resolve(name, pathVariable).flatMap(CompilerLocator::probe);
      if (c.isPresent()) return c.get();
    } else {
      for (String name : DEFAULTS) {
        tried.add(name);
        Optional<Compiler> c = resolve(name, pathVariable).flatMap(CompilerLocator::probe);
        if (c.isPresent()) return c.get();
      }
    }
    String where = explicit.isPresent() ? String.join(", ", tried) : String.join(", ", tried) + " on the PATH";
    throw new FlernException("no C++ compiler found (tried " + where + "): " + ADVICE);
  }

  /** A path (contains '/') is taken as is; a bare name is searched on the PATH. */
  private static Optional<Path> resolve(String name, String pathVariable) {
    try {
      if (name.contains("/")) return executable(Path.of(name));
      for (String dir : pathVariable.split(File.pathSeparator)) {
        if (dir.isEmpty()) continue;
        Optional<Path> p = executable(Path.of(dir, name));
        if (p.isPresent()) return p;
      }
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<Path> executable(Path p) {
    if (!Files.isRegularFile(p) || !Files.isExecutable(p)) return Optional.empty();
    try {
      return Optional.of(p.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Runs {@code --version}; a program that does not answer like a compiler is not one. */
  private static Optional<Compiler> probe(Path exe) {
    try {
      Process p = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      if (p.exitValue() != 0) return Optional.empty();
      String first = out.lines().findFirst().orElse("").strip();
      if (first.isEmpty()) return Optional.empty();
      Compiler.Family family = out.contains("clang") ? Compiler.Family.CLANG : Compiler.Family.GCC;
      return Optional.of(new Compiler(exe, first, family));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlernException("interrupted while probing the C++ compiler " + exe, e);
    }
  }
}
