package dev.flern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model statements as the engine alone sees them (the ML extension is not on this module's
 * class path): parsing, listing an empty catalog, and clear errors. PREDICT itself is tested in
 * extensions/ml, against ONNX Runtime.
 */
class ModelStatementsTest {
  @AutoClose static Flern db = Flern.open();
  @AutoClose static FlernConnection c = db.connect();

  @BeforeAll
  static void table() {
    c.execute("CREATE TABLE t (a INTEGER)");
  }

  private static String error(String sql) {
    return assertThrows(FlernException.class, () -> c.execute(sql)).getMessage();
  }

  @Test
  void showModelsListsNoneAndNamesItsColumns() {
    Result r = c.execute("SHOW MODELS");
    assertEquals(0, r.rowCount());
    assertEquals(List.of("model", "kind", "position", "name", "element_type", "shape", "source"), r.columnNames());
  }

  @Test
  void createModelNeedsAFileAndTheExtension(@TempDir Path dir) throws IOException {
    assertTrue(error("CREATE MODEL m FROM '" + dir.resolve("none.onnx") + "'").contains("does not exist"));
    Path f = Files.write(dir.resolve("m.onnx"), new byte[] {1, 2, 3});
    String e = error("CREATE MODEL m FROM '" + f + "'");
    assertTrue(e.contains("ML extension"), e);
    assertEquals(0, c.execute("SHOW MODELS").rowCount(), "nothing was created");
  }

  @Test
  void statementsAreCheckedAsTheyAreRead() {
    assertTrue(error("CREATE MODEL m").contains("FROM"));
    assertTrue(error("CREATE MODEL m FROM x").contains("path"));
    assertTrue(error("CREATE OR REPLACE MODEL IF NOT EXISTS m FROM 'x.onnx'").contains("cannot be combined"));
    assertTrue(error("CREATE MODEL s.m FROM 'x.onnx'").contains("schema-qualified"));
    assertTrue(error("DROP MODEL m").contains("model \"m\" does not exist"));
    assertEquals(0, c.execute("DROP MODEL IF EXISTS m").updateCount());
    assertTrue(error("SHOW TABLES").contains("MODELS"));
  }

  @Test
  void predictOfAnUnknownModelSaysWhere() {
    String e = error("SELECT a, PREDICT(nope, a) FROM t");
    assertTrue(e.contains("model \"nope\" does not exist") && e.contains("column 19"), e);
    assertTrue(error("SELECT PREDICT(1, a) FROM t").contains("must name a model"));
    assertTrue(error("SELECT PREDICT(nope) FROM t").contains("PREDICT takes a model and its arguments"));
    assertTrue(error("SELECT * FROM PREDICT(nope, TABLE t)").contains("model \"nope\" does not exist"));
  }

  @Test
  void predictSettingsAreOnOrOff() {
    c.execute("SET predict_join_pushdown = off");
    c.execute("SET predict_join_pushdown = on");
    assertTrue(error("SET predict_output_pruning = maybe").contains("on or off"));
  }
}
