package dev.flern.sql;

/** Line and column (both 1-based, as Calcite counts them) of an offset in the statement text. */
final class Positions {
  private Positions() {}

  static String describe(String sql, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "line " + line + ", column " + column;
  }
}
