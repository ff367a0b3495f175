package dev.flern.cli.format;

import java.io.PrintStream;
import java.math.BigDecimal;

/**
 * A JSON array with one object per row, one row per line. Integers and DECIMALs are JSON numbers
 * written exactly (a DECIMAL keeps its scale: {@code 12.50}); a finite DOUBLE is a number, while NaN
 * and ±Infinity, which JSON cannot express, are the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}; dates and text are strings; NULL is {@code null}.
 */
public final class JsonFormatter implements Formatter {
  @Override
  public void write(Tabular t, PrintStream out) {
    int ncols = t.columnNames().size();
    String[] keys = new String[ncols];
    for (int c = 0; c < ncols; c++) {
      StringBuilder k = new StringBuilder();
      string(k, t.columnNames().get(c));
      keys[c] = k.append(':').toString();
    }
    long n = t.rowCount();
    if (n == 0) {
      out.print("[]\n");
      return;
    }
    StringBuilder b = new StringBuilder();
    for (long r = 0; r < n; r++) {
      b.setLength(0);
      b.append(r == 0 ? "[{" : "{");
      for (int c = 0; c < ncols; c++) {
        if (c > 0) b.append(',');
        b.append(keys[c]);
        value(b, t.get(r, c));
      }
      b.append(r == n - 1 ? "}]\n" : "},\n");
      out.print(b);
    }
  }

  static void value(StringBuilder b, Object v) {
    switch (v) {
      case null -> b.append("null");
      case Boolean x -> b.append(x);
      case Integer x -> b.append(x);
      case Long x -> b.append(x);
      case BigDecimal x -> b.append(x.toPlainString());
      // FLOAT[n]: a JSON array of numbers, or its text when NaN or an infinity cannot be a number.
      case float[] x -> {
        boolean finite = true;
        for (float f : x) finite &= Float.isFinite(f);
        if (finite) b.append(dev.flern.FloatArrayText.format(x));
        else string(b, ValueText.of(x));
      }
      case Double x -> {
        if (x.isNaN() || x.isInfinite()) string(b, ValueText.ofDouble(x));
        else b.append(ValueText.ofDouble(x));
      }
      default -> string(b, ValueText.of(v));
    }
  }

  /** A JSON string literal; U+2028 and U+2029 are escaped too, since JavaScript once choked on them. */
  static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    b.append('"');
  }
}
