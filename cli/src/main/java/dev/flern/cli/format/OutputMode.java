package dev.flern.cli.format;

import dev.flern.FlernException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The shell's output modes: {@code --mode} and {@code .mode}. */
public enum OutputMode {
  /** A table drawn with box characters, for people. */
  BOX,
  /** RFC 4180 CSV with a header row, for other programs. */
  CSV,
  /** A JSON array of objects, one per row. */
  JSON,
  /** One "column = value" line per column, rows separated by a blank line: for wide rows. */
  LINE;

  public static OutputMode parse(String s) {
    for (OutputMode m : values()) if (m.name().equalsIgnoreCase(s.strip())) return m;
    throw new FlernException("unknown output mode \"" + s.strip() + "\" (use one of " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(OutputMode::toString).collect(Collectors.joining(", "));
  }

  /** True for the modes whose output other programs read: the shell adds no chatter to stdout then. */
  public boolean isMachineReadable() {
    return this == CSV || this == JSON;
  }

  /** @param maxRows box mode shows at most this many rows (the first and last ones); 0: all */
  public Formatter formatter(long maxRows) {
    return switch (this) {
      case BOX -> new BoxFormatter(maxRows);
      case CSV -> new CsvFormatter();
      case JSON -> new JsonFormatter();
      case LINE -> new LineFormatter();
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
