package dev.flern.it;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.StringJoiner;

/** Java values as SQL literals that Flern and DuckDB read the same way. */
final class SqlText {
  private SqlText() {}

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A cell of INSERT … VALUES: the column's type converts it. */
  static String literal(Object v) {
    return switch (v) {
      case null -> "NULL";
      case String s -> quote(s);
      case LocalDate d -> "DATE '" + d + "'";
      case BigDecimal d -> d.toPlainString();
      case Double d -> d.isNaN() || d.isInfinite() ? quote(d.toString()) : Double.toString(d);
      default -> v.toString();
    };
  }

  static String insert(String table, List<Object[]> rows) {
    StringBuilder b = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) b.append(",\n");
      StringJoiner j = new StringJoiner(", ", "(", ")");
      for (Object v : rows.get(i)) j.add(literal(v));
      b.append(j);
    }
    return b.toString();
  }
}
