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
  void nothingIsFormattedAsTextInJava() {
    // Text forms are the engine's job: one implementation.
    assertTrue(Fold.castLiteral(lit(1.5, SqlType.DOUBLE), SqlType.VARCHAR).isEmpty());
    assertTrue(Fold.castLiteral(lit(2, SqlType.INTEGER), SqlType.VARCHAR).isEmpty());
    assertTrue(Fold.castLiteral(lit(new BigDecimal("1.50"), SqlType.decimal(3, 2)), SqlType.VARCHAR).isEmpty());
    assertTrue(Fold.castLiteral(lit(true, SqlType.BOOLEAN), SqlType.VARCHAR).isEmpty());
    assertTrue(Fold.castLiteral(lit(0, SqlType.DATE), SqlType.VARCHAR).isEmpty());
  }

  @Test
  void doublesAreNotConvertedToExactTypesInJava() {
    // The engine rounds 1.005 * 100 (a double product, 100.49999...) where Java would read "1.005".
    assertTrue(Fold.castLiteral(lit(1.005, SqlType.DOUBLE), SqlType.decimal(6, 2)).isEmpty());
    // PostgreSQL rounds a double to an integer half to even.
    assertTrue(Fold.castLiteral(lit(2.5, SqlType.DOUBLE), SqlType.INTEGER).isEmpty());
  }

  @Test
  void exactToDoubleOnlyWhenOneRoundingGivesTheEngineValue() {
    assertEquals(lit(0.1, SqlType.DOUBLE), Fold.castLiteral(lit(new BigDecimal("0.1"), SqlType.decimal(2, 1)), SqlType.DOUBLE).orElseThrow());
    assertEquals(lit(9.223372036854775807E18, SqlType.DOUBLE),
        Fold.castLiteral(lit(Long.MAX_VALUE, SqlType.BIGINT), SqlType.DOUBLE).orElseThrow());
    // An unscaled value beyond 2^53 would be rounded twice by the engine: left to it.
    assertTrue(Fold.castLiteral(lit(new BigDecimal("12345678901234567.89"), SqlType.decimal(19, 2)), SqlType.DOUBLE).isEmpty());
  }

  @Test
  void exactDecimalLiteralsRoundHalfAwayFromZero() {
    assertEquals(lit(new BigDecimal("1.01"), SqlType.decimal(6, 2)),
        Fold.castLiteral(lit(new BigDecimal("1.005"), SqlType.decimal(4, 3)), SqlType.decimal(6, 2)).orElseThrow());
    assertEquals(lit(new BigDecimal("-1.01"), SqlType.decimal(6, 2)),
        Fold.castLiteral(lit(new BigDecimal("-1.005"), SqlType.decimal(4, 3)), SqlType.decimal(6, 2)).orElseThrow());
  }

  @Test
  void textIsParsedOnlyInTheEnginesForms() {
    // Only the engine's six ASCII blanks are trimmed; an em space is not one.
    assertTrue(Fold.castLiteral(lit("\u2003 42", SqlType.VARCHAR), SqlType.INTEGER).isEmpty());
    assertEquals(lit(42, SqlType.INTEGER), Fold.castLiteral(lit("\t42\u000B", SqlType.VARCHAR), SqlType.INTEGER).orElseThrow());
    // No year 0, as in PostgreSQL.
    assertTrue(Fold.castLiteral(lit("0000-01-01", SqlType.VARCHAR), SqlType.DATE).isEmpty());
    // Overflow and underflow of a double, and exponents the engine does not read, are its errors.
    assertTrue(Fold.castLiteral(lit("1e400", SqlType.VARCHAR), SqlType.DOUBLE).isEmpty());
    assertTrue(Fold.castLiteral(lit("1e-320", SqlType.VARCHAR), SqlType.DOUBLE).isEmpty());
    assertTrue(Fold.castLiteral(lit("0e999999", SqlType.VARCHAR), SqlType.decimal(5, 2)).isEmpty());
    assertEquals(lit(-0.0, SqlType.DOUBLE), Fold.castLiteral(lit("-0", SqlType.VARCHAR), SqlType.DOUBLE).orElseThrow());
    assertEquals(lit(false, SqlType.BOOLEAN), Fold.castLiteral(lit(" OFF ", SqlType.VARCHAR), SqlType.BOOLEAN).orElseThrow());
  }

  @Test
  void booleansAndIntegers() {
    assertEquals(lit(1, SqlType.INTEGER), Fold.castLiteral(lit(true, SqlType.BOOLEAN), SqlType.INTEGER).orElseThrow());
    assertEquals(lit(0L, SqlType.BIGINT), Fold.castLiteral(lit(false, SqlType.BOOLEAN), SqlType.BIGINT).orElseThrow());
    assertEquals(lit(true, SqlType.BOOLEAN), Fold.castLiteral(lit(-3, SqlType.INTEGER), SqlType.BOOLEAN).orElseThrow());
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
