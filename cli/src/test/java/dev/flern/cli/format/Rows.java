package dev.flern.cli.format;

import dev.flern.SqlType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Test tables and a helper that formats one into a string. */
final class Rows {
  private Rows() {}

  /** One column of every type, a row of values and a row of NULLs. */
  static Tabular everyType() {
    List<String> names = List.of("b", "i", "l", "d", "m", "dt", "s");
    List<SqlType> types = List.of(SqlType.BOOLEAN, SqlType.INTEGER, SqlType.BIGINT, SqlType.DOUBLE,
        SqlType.decimal(10, 2), SqlType.DATE, SqlType.VARCHAR);
    List<Object> values = List.of(true, 42, -9000000000L, 2.5, new BigDecimal("12.50"), LocalDate.of(2024, 2, 29), "héllo");
    List<Object> nulls = Arrays.asList(null, null, null, null, null, null, null);
    return Tabular.of(names, types, List.of(values, nulls));
  }

  static Tabular of(List<String> names, List<SqlType> types, List<Object>... rows) {
    return Tabular.of(names, types, List.of(rows));
  }

  static String format(Formatter f, Tabular t) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      f.write(t, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
