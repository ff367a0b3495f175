package dev.flern.cli;

import dev.flern.Timings;
import java.util.Locale;

/** The line {@code .timer on} prints after a statement. */
public final class TimerLine {
  private TimerLine() {}

  public static String of(Timings t) {
    String compile;
    if (t.cacheHit()) compile = "cache hit";
    else if (t.compileNanos() > 0) compile = "compiled";
    else compile = "no code"; // DDL, SET, INSERT of constants: nothing was generated
    return String.format(Locale.ROOT, "Run Time: plan %s ms, compile %s ms (%s), run %s ms",
        ms(t.planNanos()), ms(t.compileNanos()), compile, ms(t.runNanos()));
  }

  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
