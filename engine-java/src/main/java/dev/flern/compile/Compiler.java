package dev.flern.compile;

import java.nio.file.Path;

/**
 * A C++ compiler found by {@link CompilerLocator}.
 *
 * @param executable the resolved path (links followed), so {@code c++} → {@code g++-12} is seen
 * @param version    the first line of {@code --version}
 * @param family     decides how precompiled headers are built and used
 */
public record Compiler(Path executable, String version, Family family) {
  public enum Family { GCC, CLANG }

  /** What goes into every compile key: a change of compiler or version is a different library. */
  public String identity() {
    return executable + "\n" + version;
  }
}
