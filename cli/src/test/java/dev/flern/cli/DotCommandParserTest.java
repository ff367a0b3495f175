package dev.flern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.cli.format.OutputMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotCommandParserTest {
  @Test
  void everyCommand() {
    assertEquals(new DotCommand.Help(), DotCommandParser.parse(".help"));
    assertEquals(new DotCommand.Quit(), DotCommandParser.parse(".quit"));
    assertEquals(new DotCommand.Quit(), DotCommandParser.parse("  .exit  "));
    assertEquals(new DotCommand.Tables(), DotCommandParser.parse(".tables"));
    assertEquals(new DotCommand.Mode(Optional.of(OutputMode.JSON)), DotCommandParser.parse(".mode json"));
    assertEquals(new DotCommand.Mode(Optional.of(OutputMode.BOX)), DotCommandParser.parse(".MODE   Box"));
    assertEquals(new DotCommand.Mode(Optional.empty()), DotCommandParser.parse(".mode"));
    assertEquals(new DotCommand.Timer(true), DotCommandParser.parse(".timer on"));
    assertEquals(new DotCommand.Timer(false), DotCommandParser.parse(".timer OFF"));
    assertEquals(new DotCommand.Echo(true), DotCommandParser.parse(".echo on"));
    assertEquals(new DotCommand.MaxRows(0), DotCommandParser.parse(".maxrows 0"));
    assertEquals(new DotCommand.Read("my script.sql"), DotCommandParser.parse(".read 'my script.sql'"));
    assertEquals(new DotCommand.Read("a.sql"), DotCommandParser.parse(".read a.sql"));
  }

  @Test
  void queryCommandsDropTheTrailingSemicolon() {
    assertEquals(new DotCommand.Code("SELECT a FROM t WHERE b = ';'"),
        DotCommandParser.parse(".code SELECT a FROM t WHERE b = ';' ;"));
    assertEquals(new DotCommand.Explain("SELECT 1"), DotCommandParser.parse(".explain   SELECT 1;;"));
  }

  @Test
  void mistakesSayTheUsage() {
    assertMessage(".timer maybe", "usage: .timer on|off");
    assertMessage(".maxrows -1", "usage: .maxrows N");
    assertMessage(".maxrows many", "usage: .maxrows N");
    assertMessage(".code", "usage: .code QUERY");
    assertMessage(".explain ;", "usage: .explain QUERY");
    assertMessage(".read", "usage: .read FILE");
    assertMessage(".mode xml", "unknown output mode \"xml\"");
    assertMessage(".quit now", ".quit takes no argument");
    assertMessage(".frobnicate", "unknown command \".frobnicate\" (try .help)");
    assertMessage(".", "a dot command needs a name");
  }

  @Test
  void recognisesDotLines() {
    assertTrue(DotCommandParser.isDotCommand("  .tables"));
    assertFalse(DotCommandParser.isDotCommand("SELECT .5"));
    assertTrue(DotCommandParser.HELP.contains(".timer on|off"));
  }

  private static void assertMessage(String line, String expected) {
    FlernException e = assertThrows(FlernException.class, () -> DotCommandParser.parse(line));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
