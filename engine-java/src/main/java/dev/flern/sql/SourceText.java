package dev.flern.sql;

import java.util.Arrays;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The text of a statement as Calcite parses it, and the text the user wrote. They differ only by
 * characters inserted into the first ({@link QuotedNames} quotes some names), never by line breaks;
 * positions Calcite reports in {@code text} are mapped back to {@code original} here.
 *
 * @param inserted offsets in {@code text} of the inserted characters, ascending
 */
record SourceText(String original, String text, int[] inserted) {
  static SourceText unchanged(String sql) {
    return new SourceText(sql, sql, new int[0]);
  }

  /** "line L, column C" in the original text, for a position in {@code text}. */
  String position(SqlParserPos pos) {
    return position(pos.getLineNum(), pos.getColumnNum());
  }

  String position(int line, int column) {
    return Positions.describe(original, originalOffset(offset(text, line, column)));
  }

  /** The offset in {@code original} of the character at {@code offset} in {@code text}. */
  int originalOffset(int offset) {
    int before = Arrays.binarySearch(inserted, offset);
    int count = before >= 0 ? before : -before - 1;
    return offset - count;
  }

  /** The offset of a 1-based line and column (counted as {@link Positions} counts them). */
  private static int offset(String s, int line, int column) {
    int i = 0;
    for (int l = 1; l < line && i < s.length(); i++) if (s.charAt(i) == '\n') l++;
    return Math.min(i + Math.max(column, 1) - 1, s.length());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceText s && s.original.equals(original) && s.text.equals(text) && Arrays.equals(s.inserted, inserted);
  }

  @Override
  public int hashCode() {
    return 31 * text.hashCode() + Arrays.hashCode(inserted);
  }

  @Override
  public String toString() {
    return text;
  }
}
