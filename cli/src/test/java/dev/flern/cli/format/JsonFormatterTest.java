package dev.flern.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flern.SqlType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFormatterTest {
  @Test
  void everyTypeAndNulls() {
    assertEquals("""
        [{"b":true,"i":42,"l":-9000000000,"d":2.5,"m":12.50,"dt":"2024-02-29","s":"héllo"},
        {"b":null,"i":null,"l":null,"d":null,"m":null,"dt":null,"s":null}]
        """, Rows.format(new JsonFormatter(), Rows.everyType()));
  }

  @Test
  void doublesThatJsonCannotHoldAreStrings() {
    Tabular t = Rows.of(List.of("d"), List.of(SqlType.DOUBLE),
        List.of(Double.NaN), List.of(Double.POSITIVE_INFINITY), List.of(Double.NEGATIVE_INFINITY), List.of(-1.5e-7));
    assertEquals("""
        [{"d":"NaN"},
        {"d":"Infinity"},
        {"d":"-Infinity"},
        {"d":-1.5e-07}]
        """, Rows.format(new JsonFormatter(), t));
  }

  @Test
  void decimalsKeepEveryDigit() {
    Tabular t = Rows.of(List.of("m"), List.of(SqlType.decimal(38, 10)), List.of(new BigDecimal("12345678901234567890.0123456789")));
    assertEquals("[{\"m\":12345678901234567890.0123456789}]\n", Rows.format(new JsonFormatter(), t));
  }

  @Test
  void stringsAreEscaped() {
    Tabular t = Rows.of(List.of("k\"ey"), List.of(SqlType.VARCHAR), List.of("q\"b\\n\nt\tc\u0001\u2028"));
    assertEquals("[{\"k\\\"ey\":\"q\\\"b\\\\n\\nt\\tc\\u0001\\u2028\"}]\n", Rows.format(new JsonFormatter(), t));
  }

  @Test
  void emptyResultIsAnEmptyArray() {
    Tabular t = Tabular.of(List.of("a"), List.of(SqlType.INTEGER), List.of());
    assertEquals("[]\n", Rows.format(new JsonFormatter(), t));
  }
}
