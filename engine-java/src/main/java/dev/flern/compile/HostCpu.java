package dev.flern.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code -march=native} depends on: a cache shared between machines (a home directory on NFS)
 * must not hand one CPU a library built for another's instruction set.
 */
final class HostCpu {
  private static final String IDENTITY = read();

  private HostCpu() {}

  static String identity() {
    return IDENTITY;
  }

  private static String read() {
    String arch = System.getProperty("os.arch");
    try {
      // The model and the feature flags of the first CPU; all CPUs of one machine agree.
      String model = "", flags = "";
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (model.isEmpty() && line.startsWith("model name")) model = line;
        if (flags.isEmpty() && (line.startsWith("flags") || line.startsWith("Features"))) flags = line;
        if (!model.isEmpty() && !flags.isEmpty()) break;
      }
      return arch + "\n" + model + "\n" + flags;
    } catch (IOException | RuntimeException e) {
      return arch;
    }
  }
}
