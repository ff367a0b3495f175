package dev.flern.sql;

import static dev.flern.sql.Fixture.analyze;
import static dev.flern.sql.Fixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flern.SqlType;
import dev.flern.plan.Filter;
import dev.flern.plan.Project;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calcite folds nothing with Java's semantics; what is folded is folded by {@link Fold}, exactly. */
class ConstantFoldingTest {
  private static Expr constant(String expr) {
    Values v = assertInstanceOf(Values.class, query("select " + expr));
    return v.rows().get(0).get(0);
  }

  @Test
  void insertOfExpressionsRoundsDecimalsHalfAwayFromZero() {
    // With an expression in the row, the INSERT takes the general path through Calcite.
    var v = assertInstanceOf(Values.class, assertInstanceOf(Statement.Insert.class,
        analyze("insert into t (a, e) values (1 + 1, 1.005), (2, -1.005)")).plan());
    assertEquals(new Literal(new BigDecimal("1.01"), SqlType.decimal(12, 2)), v.rows().get(0).get(4));
    assertEquals(new Literal(new BigDecimal("-1.01"), SqlType.decimal(12, 2)), v.rows().get(1).get(4));
    assertEquals(new Literal(new BigDecimal("1.01"), SqlType.decimal(12, 2)), constant("cast(1.005 as decimal(12,2))"));
  }

  @Test
  void doublesAreFormattedByTheEngine() {
    assertEquals(new Cast(new Literal(2.0, SqlType.DOUBLE), SqlType.VARCHAR, false),
        constant("cast(cast(2 as double) as varchar)"));
    assertEquals(new Cast(new Literal(1e20, SqlType.DOUBLE), SqlType.VARCHAR, false), constant("cast(1e20 as varchar)"));
  }

  @Test
  void anInnerLosslessCastIsNotDropped() {
    // An integer as DECIMAL(12,2) formats as "2.00"; Calcite's simplifier would format the integer.
    assertEquals(new Cast(new Literal(new BigDecimal("2.00"), SqlType.decimal(12, 2)), SqlType.VARCHAR, false),
        constant("cast(cast(2 as decimal(12,2)) as varchar)"));
    var p = assertInstanceOf(Project.class, query("select cast(cast(a as double) as varchar) from t"));
    assertEquals(new Cast(new Cast(new dev.flern.plan.expr.ColumnRef(0, SqlType.INTEGER, true),
        SqlType.DOUBLE, true), SqlType.VARCHAR, true), p.exprs().get(0));
  }

  @Test
  void nothingIsFormattedAsTextInJava() {
    assertEquals(new Cast(new Literal(42, SqlType.INTEGER), SqlType.VARCHAR, false), constant("42::text"));
    assertEquals(new Cast(new Literal(true, SqlType.BOOLEAN), SqlType.VARCHAR, false), constant("cast(true as varchar)"));
  }

  @Test
  void doubleToIntegerIsLeftToTheEngineEvenInAFilter() {
    // PostgreSQL rounds 2.5 half to even (2); Java's cast truncates, Calcite's executor would fold it.
    var p = assertInstanceOf(Project.class, query("select a from t where a = cast(2.5e0 as integer)"));
    var f = assertInstanceOf(Filter.class, p.input());
    Call eq = assertInstanceOf(Call.class, f.condition());
    assertEquals(new Cast(new Literal(2.5, SqlType.DOUBLE), SqlType.INTEGER, false), eq.args().get(1));
  }

  @Test
  void textComparedWithADateIsStillADateLiteral() {
    var p = assertInstanceOf(Project.class, query("select a from t where d >= '1995-03-15'"));
    var f = assertInstanceOf(Filter.class, p.input());
    Call ge = assertInstanceOf(Call.class, f.condition());
    assertEquals(new Literal((int) java.time.LocalDate.of(1995, 3, 15).toEpochDay(), SqlType.DATE), ge.args().get(1));
  }

  @Test
  void dateMinusIntervalIsStillFolded() {
    var p = assertInstanceOf(Project.class, query("select a from t where d <= date '1998-12-01' - interval '90' day (3)"));
    Call le = assertInstanceOf(Call.class, assertInstanceOf(Filter.class, p.input()).condition());
    assertEquals(new Literal((int) java.time.LocalDate.of(1998, 9, 2).toEpochDay(), SqlType.DATE), le.args().get(1));
    assertEquals(List.of(SqlType.INTEGER), p.output().stream().map(dev.flern.plan.Field::type).toList());
  }
}
