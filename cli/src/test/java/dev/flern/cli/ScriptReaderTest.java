package dev.flern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptReaderTest {
  private static List<Input> read(String script) {
    ScriptReader r = new ScriptReader();
    List<Input> out = new ArrayList<>();
    for (String line : script.split("\n", -1)) out.addAll(r.addLine(line));
    out.addAll(r.finish());
    return out;
  }

  @Test
  void statementsAndDotCommandsInOrder() {
    assertEquals(List.of(
            new Input.Sql("CREATE TABLE t (a INTEGER)", 1),
            new Input.Dot(".mode csv", 2),
            new Input.Sql("SELECT a\nFROM t", 3),
            new Input.Sql("SELECT 2", 5),
            new Input.Sql("SELECT 3", 5)),
        read("CREATE TABLE t (a INTEGER);\n  .mode csv\nSELECT a\nFROM t;\nSELECT 2; SELECT 3"));
  }

  @Test
  void aDotInsideAStatementIsSql() {
    assertEquals(List.of(new Input.Sql("SELECT\n.5 AS x", 1)), read("SELECT\n.5 AS x;"));
  }

  @Test
  void semicolonsInQuotesAndCommentsDoNotEndAStatement() {
    assertEquals(List.of(new Input.Sql("SELECT 'a;\nb' AS \"c;d\" /* ; */", 1), new Input.Sql("-- a comment; still one\nSELECT 2", 4)),
        read("SELECT 'a;\nb' AS \"c;d\" /* ; */;\n-- a comment; still one\nSELECT 2;"));
  }

  @Test
  void commentsStayWithTheNextStatementButNotWithADotCommand() {
    assertEquals(List.of(new Input.Sql("-- what follows\nSELECT 1", 2), new Input.Dot(".tables", 4)),
        read("-- what follows\nSELECT 1;\n-- dropped\n.tables\n-- trailing comment"));
  }

  @Test
  void needsMoreUntilTheStatementEnds() {
    assertTrue(ScriptReader.needsMore("SELECT 1"));
    assertTrue(ScriptReader.needsMore("SELECT 1;\nSELECT"));
    assertTrue(ScriptReader.needsMore("SELECT 'open;"));
    assertTrue(ScriptReader.needsMore("/* open comment;"));
    assertFalse(ScriptReader.needsMore("SELECT 1;"));
    assertFalse(ScriptReader.needsMore("SELECT 1;  -- done"));
    assertFalse(ScriptReader.needsMore(".mode csv"));
    assertFalse(ScriptReader.needsMore(""));
    assertFalse(ScriptReader.needsMore("-- only a comment"));
    assertFalse(ScriptReader.needsMore(".mode csv\nSELECT 1;"));
  }

  @Test
  void anUnfinishedStatementIsRunAtTheEnd() {
    // Its error (the open quote) is the engine's to report.
    assertEquals(List.of(new Input.Sql("SELECT 'open", 1)), read("SELECT 'open"));
  }
}
