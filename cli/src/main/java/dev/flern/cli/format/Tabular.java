package dev.flern.cli.format;

import dev.flern.Result;
import dev.flern.SqlType;
import java.util.List;

/**
 * The rows a formatter prints: a query result, or any table of Java values. Formatters depend on this
 * and not on {@link Result}, so they can be tested without an engine.
 */
public interface Tabular {
  List<String> columnNames();

  List<SqlType> columnTypes();

  long rowCount();

  /** Boolean, Integer, Long, Double, BigDecimal, LocalDate, String, or null for SQL NULL. */
  Object get(long row, int col);

  static Tabular of(Result r) {
    List<String> names = r.columnNames();
    List<SqlType> types = r.columnTypes();
    return new Tabular() {
      @Override
      public List<String> columnNames() {
        return names;
      }

      @Override
      public List<SqlType> columnTypes() {
        return types;
      }

      @Override
      public long rowCount() {
        return r.rowCount();
      }

      @Override
      public Object get(long row, int col) {
        return r.get(row, col);
      }
    };
  }

  /** Rows held in lists (tests, and small tables the shell builds itself). */
  static Tabular of(List<String> names, List<SqlType> types, List<List<Object>> rows) {
    if (names.size() != types.size()) throw new IllegalArgumentException("names and types differ in length");
    return new Tabular() {
      @Override
      public List<String> columnNames() {
        return names;
      }

      @Override
      public List<SqlType> columnTypes() {
        return types;
      }

      @Override
      public long rowCount() {
        return rows.size();
      }

      @Override
      public Object get(long row, int col) {
        return rows.get((int) row).get(col);
      }
    };
  }
}
