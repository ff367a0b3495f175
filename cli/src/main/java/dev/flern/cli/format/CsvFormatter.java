package dev.flern.cli.format;

import java.io.PrintStream;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a quote, CR or
 * LF (quotes doubled). NULL is an empty field and the empty string a quoted empty field {@code ""},
 * as PostgreSQL's COPY writes them, so the two read back apart.
 */
public final class CsvFormatter implements Formatter {
  @Override
  public void write(Tabular t, PrintStream out) {
    int ncols = t.columnNames().size();
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < ncols; c++) {
      if (c > 0) b.append(',');
      field(b, t.columnNames().get(c));
    }
    b.append("\r\n");
    out.print(b);
    for (long r = 0; r < t.rowCount(); r++) {
      b.setLength(0);
      for (int c = 0; c < ncols; c++) {
        if (c > 0) b.append(',');
        Object v = t.get(r, c);
        if (v != null) field(b, ValueText.of(v));
      }
      b.append("\r\n");
      out.print(b);
    }
  }

  static void field(StringBuilder b, String s) {
    boolean quote = s.isEmpty();
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      b.append(s);
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') b.append('"');
      b.append(c);
    }
    b.append('"');
  }
}
