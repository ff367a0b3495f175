package dev.flern.slt;

import static dev.flern.slt.SltValues.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SltValuesTest {
  @Test
  void nullsBooleansAndDates() {
    for (char t : new char[] {'I', 'R', 'T'}) {
      assertEquals("NULL", render(null, t));
      assertEquals("true", render(true, t));
      assertEquals("false", render(false, t));
      assertEquals("1995-03-15", render(LocalDate.of(1995, 3, 15), t));
    }
  }

  @Test
  void integersTruncateTowardZero() {
    assertEquals("42", render(42, 'I'));
    assertEquals("-9223372036854775808", render(Long.MIN_VALUE, 'I'));
    assertEquals("170141183460469231731687303715884105727",
        render(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE), 'I'));
    assertEquals("2", render(2.7, 'I'));
    assertEquals("-2", render(-2.7, 'I'));
    assertEquals("12", render(new BigDecimal("12.99"), 'I'));
    assertEquals("-12", render(new BigDecimal("-12.99"), 'I'));
    assertEquals("0", render("abc", 'I'));
    assertEquals("12", render("12abc", 'I'));
  }

  @Test
  void realsHaveThreeDecimals() {
    assertEquals("5.000", render(5, 'R'));
    assertEquals("-5.000", render(-5L, 'R'));
    assertEquals("0.333", render(1.0 / 3, 'R'));
    assertEquals("0.667", render(2.0 / 3, 'R'));
    assertEquals("12.500", render(new BigDecimal("12.50"), 'R'));
    // C's printf works on the exact binary value: 1.0005 is just below the tie.
    assertEquals("1.000", render(1.0005, 'R'));
    assertEquals("-0.000", render(-0.0001, 'R'));
  }

  @Test
  void textOfDecimalsDoublesAndStrings() {
    assertEquals("12.50", render(new BigDecimal("12.50"), 'T'));
    assertEquals("0.1", render(0.1, 'T'));
    assertEquals("1", render(1.0, 'T'));
    assertEquals("-2.5", render(-2.5, 'T'));
    assertEquals("123456789012345", render(123456789012345.0, 'T'));
    assertEquals("1e+15", render(1e15, 'T'));
    assertEquals("1.5e+20", render(1.5e20, 'T'));
    assertEquals("0.0001", render(0.0001, 'T'));
    assertEquals("1.5e-05", render(0.000015, 'T'));
    assertEquals("0.30000000000000004", render(0.1 + 0.2, 'T'));
    assertEquals("Infinity", render(Double.POSITIVE_INFINITY, 'T'));
    assertEquals("NaN", render(Double.NaN, 'T'));
    assertEquals("-0", render(-0.0, 'T'));
    assertEquals("(empty)", render("", 'T'));
    assertEquals("a@b@", render("a\tb\n", 'T'));
    assertEquals("héllo", render("héllo", 'T'));
    assertEquals("7", render(7, 'T'));
  }
}
