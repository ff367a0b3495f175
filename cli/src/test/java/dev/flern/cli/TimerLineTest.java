package dev.flern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flern.Timings;
import org.junit.jupiter.api.Test;

class TimerLineTest {
  @Test
  void saysWhereTheTimeWent() {
    assertEquals("Run Time: plan 1.5 ms, compile 420.0 ms (compiled), run 0.3 ms",
        TimerLine.of(new Timings(1_500_000, 420_000_000, 250_000, false)));
    assertEquals("Run Time: plan 2.0 ms, compile 0.0 ms (cache hit), run 12.3 ms",
        TimerLine.of(new Timings(2_000_000, 0, 12_340_000, true)));
    assertEquals("Run Time: plan 0.7 ms, compile 0.0 ms (no code), run 0.0 ms",
        TimerLine.of(new Timings(700_000, 0, 0, false)));
  }
}
