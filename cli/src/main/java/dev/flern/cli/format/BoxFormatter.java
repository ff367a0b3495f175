package dev.flern.cli.format;

import dev.flern.SqlType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table drawn with Unicode box characters: numbers right-aligned, NULL shown as {@code NULL},
 * control characters escaped, and the row count below. A result longer than {@code maxRows} shows its
 * first and last rows around a row of ellipses, so a careless {@code SELECT *} on a big table does
 * not flood the terminal; CSV and JSON always print everything.
 */
public final class BoxFormatter implements Formatter {
  static final String NULL_TEXT = "NULL";
  private static final String ELLIPSIS = "…";
  private final long maxRows;

  /** @param maxRows the most rows to show; 0 shows all */
  public BoxFormatter(long maxRows) {
    if (maxRows < 0) throw new IllegalArgumentException("maxRows < 0");
    this.maxRows = maxRows;
  }

  @Override
  public void write(Tabular t, PrintStream out) {
    int ncols = t.columnNames().size();
    long total = t.rowCount();
    if (ncols == 0) {
      out.println(footer(total, total));
      return;
    }
    boolean elide = maxRows > 0 && total > maxRows;
    long head = elide ? (maxRows + 1) / 2 : total;
    long tail = elide ? maxRows / 2 : 0;

    boolean[] right = new boolean[ncols];
    int[] width = new int[ncols];
    List<String> header = new ArrayList<>(ncols);
    for (int c = 0; c < ncols; c++) {
      SqlType type = t.columnTypes().get(c);
      right[c] = type.isNumeric();
      String name = ValueText.escapeControls(t.columnNames().get(c));
      header.add(name);
      width[c] = Math.max(DisplayWidth.of(name), elide ? 1 : 0);
    }
    List<String[]> rows = new ArrayList<>();
    for (long r = 0; r < head; r++) rows.add(cells(t, r, width));
    List<String[]> last = new ArrayList<>();
    for (long r = total - tail; r < total; r++) last.add(cells(t, r, width));

    StringBuilder b = new StringBuilder();
    rule(b, width, '┌', '┬', '┐');
    line(b, header.toArray(String[]::new), width, right);
    rule(b, width, '├', '┼', '┤');
    for (String[] row : rows) line(b, row, width, right);
    if (elide) {
      String[] dots = new String[ncols];
      java.util.Arrays.fill(dots, ELLIPSIS);
      line(b, dots, width, right);
      for (String[] row : last) line(b, row, width, right);
    }
    rule(b, width, '└', '┴', '┘');
    b.append(footer(total, head + tail)).append('\n');
    out.print(b);
  }

  private static String[] cells(Tabular t, long r, int[] width) {
    String[] cells = new String[width.length];
    for (int c = 0; c < width.length; c++) {
      Object v = t.get(r, c);
      cells[c] = v == null ? NULL_TEXT : ValueText.escapeControls(ValueText.of(v));
      width[c] = Math.max(width[c], DisplayWidth.of(cells[c]));
    }
    return cells;
  }

  private static void rule(StringBuilder b, int[] width, char left, char mid, char end) {
    b.append(left);
    for (int c = 0; c < width.length; c++) {
      if (c > 0) b.append(mid);
      b.append("─".repeat(width[c] + 2));
    }
    b.append(end).append('\n');
  }

  private static void line(StringBuilder b, String[] cells, int[] width, boolean[] right) {
    b.append('│');
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) b.append('│');
      b.append(' ').append(DisplayWidth.pad(cells[c], width[c], right[c])).append(' ');
    }
    b.append("│\n");
  }

  static String footer(long total, long shown) {
    String rows = "(" + total + (total == 1 ? " row" : " rows");
    return shown < total ? rows + ", " + shown + " shown)" : rows + ")";
  }
}
