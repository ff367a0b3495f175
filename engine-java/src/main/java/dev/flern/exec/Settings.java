package dev.flern.exec;

import dev.flern.FlernException;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of SET values: thread counts and memory sizes such as '4GB' or '512MiB'. */
final class Settings {
  private Settings() {}

  private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?i?b?)?\\s*", Pattern.CASE_INSENSITIVE);

  static int threads(String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1 && n <= 1024) return n;
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new FlernException("threads must be an integer between 1 and 1024, got '" + v + "'");
  }

  static boolean bool(String name, String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "1", "yes" -> true;
      case "off", "false", "0", "no" -> false;
      default -> throw new FlernException(name + " must be on or off, got '" + v + "'");
    };
  }

  static long bytes(String v) {
    Matcher m = SIZE.matcher(v);
    if (!m.matches()) throw new FlernException("memory_limit must be a size such as '4GB' or '512MB', got '" + v + "'");
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long mult = switch (unit.isEmpty() ? ' ' : unit.charAt(0)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      case 't' -> 1L << 40;
      default -> 1;
    };
    long b = (long) (n * mult);
    if (b < 1 << 20) throw new FlernException("memory_limit must be at least 1MB, got '" + v + "'");
    return b;
  }

  /** Default memory limit: 80% of the machine's memory, as DuckDB does. */
  static long defaultMemoryLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
      return (long) (os.getTotalMemorySize() * 0.8);
    return 8L << 30;
  }
}
