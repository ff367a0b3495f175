package dev.flern.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayWidthTest {
  @Test
  void widths() {
    assertEquals(5, DisplayWidth.of("hello"));
    assertEquals(4, DisplayWidth.of("李娜"));
    assertEquals(5, DisplayWidth.of("Zoë"+ "ab"));
    assertEquals(1, DisplayWidth.of("e\u0301")); // e + combining acute accent
    assertEquals(2, DisplayWidth.of("\uD83D\uDE00")); // an emoji outside the BMP
    assertEquals(0, DisplayWidth.of("\u200B")); // zero width space
  }

  @Test
  void padsByColumnsNotChars() {
    assertEquals("李娜  ", DisplayWidth.pad("李娜", 6, false));
    assertEquals("  李娜", DisplayWidth.pad("李娜", 6, true));
    assertEquals("toolong", DisplayWidth.pad("toolong", 3, false));
  }
}
