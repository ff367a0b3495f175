package dev.flern.slt;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** DuckDB through JDBC, in memory: the reference that guards the expected results of the suite. */
public final class DuckDbDatabase implements SltDatabase {
  private final Connection conn;

  public DuckDbDatabase() throws SQLException {
    this.conn = DriverManager.getConnection("jdbc:duckdb:");
    // Where DuckDB has a switch for a PostgreSQL rule that Flern follows, turn it on, so the suite's
    // expected results are checked for those records too: integer division truncates, and NULLs sort
    // as the largest value (last in ASC, first in DESC).
    execute("SET integer_division = true");
    execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  }

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public void execute(String sql) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public List<List<String>> query(String sql, String typeLetters) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>(n);
        for (int c = 1; c <= n; c++) {
          Object v = rs.getObject(c);
          if (v instanceof java.sql.Date d) v = d.toLocalDate();
          row.add(SltValues.render(v, c <= typeLetters.length() ? typeLetters.charAt(c - 1) : 'T'));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
