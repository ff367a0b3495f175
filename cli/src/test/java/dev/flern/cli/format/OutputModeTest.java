package dev.flern.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import org.junit.jupiter.api.Test;

class OutputModeTest {
  @Test
  void parsesNamesInAnyCase() {
    assertEquals(OutputMode.CSV, OutputMode.parse("CSV"));
    assertEquals(OutputMode.LINE, OutputMode.parse(" line "));
    FlernException e = assertThrows(FlernException.class, () -> OutputMode.parse("xml"));
    assertTrue(e.getMessage().contains("box, csv, json, line"), e.getMessage());
  }
}
