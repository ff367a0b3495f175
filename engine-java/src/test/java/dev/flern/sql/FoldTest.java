package dev.flern.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.SqlType;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.Literal;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FoldTest {
  private static Literal lit(Object v, SqlType t) {
    return new Literal(v, t);
  }

  @Test
  void integersToDecimalAtTheTargetScale() {
    assertEquals(lit(new BigDecimal("1.00"), SqlType.decimal(5, 2)),
        Fold.castLiteral(lit(1, SqlType.INTEGER), SqlType.decimal(5, 2)).orElseThrow());
  }

  @Test
  void decimalsRoundHalfAwayFromZero() {
    assertEquals(lit(new BigDecimal("-1.3"), SqlType.decimal(5, 1)),
        Fold.castLiteral(lit(new BigDecimal("-1.25"), SqlType.decimal(5, 2)), SqlType.decimal(5, 1)).orElseThrow());
    assertEquals(lit(3, SqlType.INTEGER),
        Fold.castLiteral(lit(new BigDecimal("2.5"), SqlType.decimal(2, 1)), SqlType.INTEGER).orElseThrow());
  }

  @Test
  void outOfRangeStaysACastForTheEngineToReport() {
    assertTrue(Fold.castLiteral(lit(5_000_000_000L, SqlType.BIGINT), SqlType.INTEGER).isEmpty());
    assertTrue(Fold.castLiteral(lit(new BigDecimal("1000.5"), SqlType.decimal(5, 1)), SqlType.decimal(4, 1)).isEmpty());
    assertInstanceOf(Cast.class, Fold.cast(lit("abc", SqlType.VARCHAR), SqlType.INTEGER));
  }

  @Test
  void textToTypedValues() {
    assertEquals(lit((int) LocalDate.of(1995, 1, 1).toEpochDay(), SqlType.DATE),
        Fold.castLiteral(lit("1995-01-01", SqlType.VARCHAR), SqlType.DATE).orElseThrow());
    assertEquals(lit(-42L, SqlType.BIGINT), Fold.castLiteral(lit(" -42 ", SqlType.VARCHAR), SqlType.BIGINT).orElseThrow());
    assertEquals(lit(true, SqlType.BOOLEAN), Fold.castLiteral(lit("t", SqlType.VARCHAR), SqlType.BOOLEAN).orElseThrow());
    assertEquals(lit(new BigDecimal("3.14"), SqlType.decimal(3, 2)),
        Fold.castLiteral(lit("3.14159", SqlType.VARCHAR), SqlType.decimal(3, 2)).orElseThrow());
    assertTrue(Fold.castLiteral(lit("1995-13-01", SqlType.VARCHAR), SqlType.DATE).isEmpty());
  }

  @Test
  void doublesAreNotFormattedAsTextInJava() {
    // PostgreSQL's double formatting is the engine's job: one implementation.
    assertTrue(Fold.castLiteral(lit(1.5, SqlType.DOUBLE), SqlType.VARCHAR).isEmpty());
  }

  @Test
  void nullTakesTheTargetType() {
    assertEquals(lit(null, SqlType.DATE), Fold.castLiteral(lit(null, SqlType.INTEGER), SqlType.DATE).orElseThrow());
  }

  @Test
  void negationOverflowIsNotFolded() {
    assertEquals(lit(-5, SqlType.INTEGER), Fold.negate(lit(5, SqlType.INTEGER)).orElseThrow());
    assertTrue(Fold.negate(lit(Integer.MIN_VALUE, SqlType.INTEGER)).isEmpty());
  }
}
