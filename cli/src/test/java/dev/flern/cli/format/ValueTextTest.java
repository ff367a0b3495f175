package dev.flern.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueTextTest {
  @Test
  void doublesReadLikePostgres() {
    assertEquals("1.5", ValueText.ofDouble(1.5));
    assertEquals("2", ValueText.ofDouble(2.0));
    assertEquals("0.1", ValueText.ofDouble(0.1));
    assertEquals("0.30000000000000004", ValueText.ofDouble(0.1 + 0.2));
    assertEquals("0.0001", ValueText.ofDouble(1e-4));
    assertEquals("1e-05", ValueText.ofDouble(1e-5));
    assertEquals("100000000000000", ValueText.ofDouble(1e14));
    assertEquals("1e+15", ValueText.ofDouble(1e15));
    assertEquals("-1.2345678901234568e+17", ValueText.ofDouble(-123456789012345678.0));
    assertEquals("1.7976931348623157e+308", ValueText.ofDouble(Double.MAX_VALUE));
    assertEquals("5e-324", ValueText.ofDouble(Double.MIN_VALUE));
    assertEquals("0", ValueText.ofDouble(0.0));
    assertEquals("-0", ValueText.ofDouble(-0.0));
    assertEquals("NaN", ValueText.ofDouble(Double.NaN));
    assertEquals("Infinity", ValueText.ofDouble(Double.POSITIVE_INFINITY));
    assertEquals("-Infinity", ValueText.ofDouble(Double.NEGATIVE_INFINITY));
  }

  @Test
  void otherTypes() {
    assertEquals("12.50", ValueText.of(new BigDecimal("12.50")));
    assertEquals("0.00000001", ValueText.of(new BigDecimal("1E-8")));
    assertEquals("2024-02-29", ValueText.of(LocalDate.of(2024, 2, 29)));
    assertEquals("10000-01-01", ValueText.of(LocalDate.of(10000, 1, 1)));
    assertEquals("true", ValueText.of(true));
    assertEquals("-7", ValueText.of(-7));
    assertEquals("9000000000", ValueText.of(9000000000L));
    assertEquals("text", ValueText.of("text"));
    assertEquals("[1.5, 2, -0.001]", ValueText.of(new float[] {1.5f, 2f, -0.001f}));
  }

  @Test
  void floatArraysInJson() {
    StringBuilder b = new StringBuilder();
    JsonFormatter.value(b, new float[] {1.5f, -2f});
    assertEquals("[1.5, -2]", b.toString());
    b.setLength(0);
    JsonFormatter.value(b, new float[] {Float.NaN, 1f});
    assertEquals("\"[NaN, 1]\"", b.toString());
  }

  @Test
  void controlCharactersAreMadeVisible() {
    assertEquals("plain", ValueText.escapeControls("plain"));
    assertEquals("a\\nb\\tc\\rd\\x00\\x7F", ValueText.escapeControls("a\nb\tc\rd\u0000\u007f"));
  }
}
