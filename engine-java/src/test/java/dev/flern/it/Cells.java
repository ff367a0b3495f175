package dev.flern.it;

import dev.flern.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Values of both engines in one comparable form: exact numbers as BigDecimal (any integer type, any
 * scale), approximate ones as Double, dates as LocalDate. Rows compare cell by cell; a Double meets
 * any number with a relative tolerance, since the engines may round the last bit differently.
 */
final class Cells {
  static final double REL_TOL = 1e-9;

  private Cells() {}

  static Object normalise(Object v) {
    return switch (v) {
      case null -> null;
      case Integer i -> BigDecimal.valueOf(i);
      case Long l -> BigDecimal.valueOf(l);
      case Short s -> BigDecimal.valueOf(s);
      case Byte b -> BigDecimal.valueOf(b);
      case BigInteger b -> new BigDecimal(b);
      case BigDecimal d -> d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      case Float f -> (double) f;
      case Double d -> d;
      case java.sql.Date d -> d.toLocalDate();
      case LocalDate d -> d;
      case Boolean b -> b;
      case String s -> s;
      default -> throw new IllegalArgumentException("unexpected value " + v + " of " + v.getClass());
    };
  }

  static List<List<Object>> rows(Result r) {
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < r.rowCount(); i++) {
      List<Object> row = new ArrayList<>(r.columnCount());
      for (int j = 0; j < r.columnCount(); j++) row.add(normalise(r.get(i, j)));
      rows.add(row);
    }
    return rows;
  }

  static boolean same(Object a, Object b) {
    if (a == null || b == null) return a == b;
    if (a instanceof Double || b instanceof Double) {
      if (!(a instanceof Number) || !(b instanceof Number)) return false;
      double x = ((Number) a).doubleValue(), y = ((Number) b).doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y)) return Double.isNaN(x) && Double.isNaN(y);
      if (x == y) return true;
      return Math.abs(x - y) <= REL_TOL * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
    return a.equals(b);
  }

  /** A sort key that equal rows share even when their doubles differ in the last bits. */
  static String key(List<Object> row) {
    StringBuilder b = new StringBuilder();
    for (Object v : row) {
      b.append('|');
      switch (v) {
        case null -> b.append("\u0000null");
        case Double d -> b.append(String.format("%.6e", d));
        case BigDecimal d -> b.append(String.format("%.6e", d.doubleValue()));
        default -> b.append(v);
      }
    }
    return b.toString();
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Cells::key));
    return out;
  }

  /** Empty when the row lists agree (in order); else a description of the first difference. */
  static Optional<String> diff(List<List<Object>> flern, List<List<Object>> duck) {
    if (flern.size() != duck.size())
      return Optional.of("row count: flern " + flern.size() + ", duckdb " + duck.size() + firstDiff(flern, duck));
    String d = firstDiff(flern, duck);
    return d.isEmpty() ? Optional.empty() : Optional.of(d);
  }

  private static String firstDiff(List<List<Object>> a, List<List<Object>> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      List<Object> x = a.get(i), y = b.get(i);
      boolean eq = x.size() == y.size();
      for (int j = 0; eq && j < x.size(); j++) eq = same(x.get(j), y.get(j));
      if (!eq) return "; first difference at row " + i + ": flern " + show(x) + " vs duckdb " + show(y);
    }
    return a.size() == b.size() ? "" : "; extra rows: " + (a.size() > b.size() ? "flern " + show(a.get(b.size())) : "duckdb " + show(b.get(a.size())));
  }

  static String show(List<Object> row) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      if (i > 0) b.append(", ");
      b.append(v instanceof String s ? "'" + s.replace("'", "''") + "'" : v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v));
    }
    return b.append(')').toString();
  }
}
