package dev.flern.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.plan.Plan;
import dev.flern.plan.Project;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloatArrayFrontEndTest {
  private static Statement.CreateTable create(String sql) {
    return assertInstanceOf(Statement.CreateTable.class, Fixture.analyze(sql));
  }

  @Test
  void createTableTakesFloatArraysInEverySpelling() {
    var c = create("CREATE TABLE e (id INTEGER, v FLOAT[3] NOT NULL, w FLOAT4 [ 2 ], x REAL[512], y float[1])");
    assertEquals(SqlType.floatArray(3), c.schema().get(1).type());
    assertEquals(false, c.schema().get(1).nullable());
    assertEquals(SqlType.floatArray(2), c.schema().get(2).type());
    assertEquals(SqlType.floatArray(512), c.schema().get(3).type());
    assertEquals(SqlType.floatArray(1), c.schema().get(4).type());
    assertEquals("FLOAT[3]", c.schema().get(1).type().toString());
  }

  @Test
  void badArrayTypesAreClearErrors() {
    assertTrue(assertThrows(FlernException.class, () -> create("CREATE TABLE e (v FLOAT[])")).getMessage()
        .contains("FLOAT[] needs a length"));
    assertTrue(assertThrows(FlernException.class, () -> create("CREATE TABLE e (v INTEGER[3])")).getMessage()
        .contains("only FLOAT[n]"));
    assertTrue(assertThrows(FlernException.class, () -> create("CREATE TABLE e (v FLOAT[0])")).getMessage()
        .contains("between 1 and 65536"));
    assertTrue(assertThrows(FlernException.class, () -> create("CREATE TABLE e (v FLOAT[65537])")).getMessage()
        .contains("between 1 and 65536"));
  }

  /** The single expression a one-column constant SELECT computes. */
  private static Expr only(Plan p) {
    return switch (p) {
      case Project pr -> pr.exprs().getFirst();
      case Values v -> v.rows().getFirst().getFirst();
      default -> throw new AssertionError(p.toString());
    };
  }

  @Test
  void castOfTextFoldsToAFloatArrayLiteral() {
    for (String sql : List.of("SELECT CAST('[1, 2.5, -3e-3]' AS FLOAT[3])", "SELECT '[1,2.5,-3e-3]'::float4[3]",
        "SELECT CAST(' [1, 2.5 , -0.003] ' AS REAL [3])")) {
      Plan p = Fixture.query(sql);
      assertEquals(SqlType.floatArray(3), p.output().getFirst().type(), sql);
      Literal l = assertInstanceOf(Literal.class, only(p), sql);
      assertArrayEquals(new float[] {1f, 2.5f, -3e-3f}, (float[]) l.value(), sql);
    }
  }

  @Test
  void castOfBadTextFailsWhenPlanned() {
    FlernException e = assertThrows(FlernException.class, () -> Fixture.query("SELECT CAST('[1, 2]' AS FLOAT[3])"));
    assertEquals("invalid input for FLOAT[3]: \"[1, 2]\": expected 3 numbers, found 2", e.getMessage());
  }

  @Test
  void castOfNullIsANullFloatArray() {
    Plan p = Fixture.query("SELECT CAST(NULL AS FLOAT[4])");
    assertEquals(SqlType.floatArray(4), p.output().getFirst().type());
  }
}
