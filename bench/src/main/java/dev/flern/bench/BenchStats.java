package dev.flern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What every benchmark reports besides its timings: medians, and how busy the machine was. */
final class BenchStats {
  private BenchStats() {}

  static long median(long[] xs) {
    long[] c = xs.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  /** The first line of /proc/loadavg (the machine is shared: say so next to the figures). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
