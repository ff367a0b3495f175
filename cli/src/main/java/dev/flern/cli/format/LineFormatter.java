package dev.flern.cli.format;

import java.io.PrintStream;

/**
 * One line per column, {@code name = value} with the names right-aligned, and a blank line between
 * rows (SQLite's line mode): the readable layout for rows too wide for a table.
 */
public final class LineFormatter implements Formatter {
  @Override
  public void write(Tabular t, PrintStream out) {
    int ncols = t.columnNames().size();
    String[] names = new String[ncols];
    int width = 0;
    for (int c = 0; c < ncols; c++) {
      names[c] = ValueText.escapeControls(t.columnNames().get(c));
      width = Math.max(width, DisplayWidth.of(names[c]));
    }
    StringBuilder b = new StringBuilder();
    for (long r = 0; r < t.rowCount(); r++) {
      b.setLength(0);
      if (r > 0) b.append('\n');
      for (int c = 0; c < ncols; c++) {
        Object v = t.get(r, c);
        String text = v == null ? BoxFormatter.NULL_TEXT : ValueText.escapeControls(ValueText.of(v));
        b.append(DisplayWidth.pad(names[c], width, true)).append(" = ").append(text).append('\n');
      }
      out.print(b);
    }
  }
}
