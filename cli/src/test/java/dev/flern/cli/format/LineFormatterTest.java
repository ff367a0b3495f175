package dev.flern.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineFormatterTest {
  @Test
  void everyTypeAndNulls() {
    assertEquals("""
         b = true
         i = 42
         l = -9000000000
         d = 2.5
         m = 12.50
        dt = 2024-02-29
         s = héllo

         b = NULL
         i = NULL
         l = NULL
         d = NULL
         m = NULL
        dt = NULL
         s = NULL
        """, Rows.format(new LineFormatter(), Rows.everyType()));
  }
}
