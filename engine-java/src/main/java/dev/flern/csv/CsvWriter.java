package dev.flern.csv;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.storage.ColumnChunk;
import dev.flern.storage.RowGroup;
import dev.flern.storage.Table;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes a {@link Table} as CSV (UTF-8, LF line ends) so that {@link CsvReader} with the table's
 * schema declared reads it back unchanged: a NULL is the null string unquoted, and any field that
 * could be mistaken for something else — one holding the delimiter, the quote or a line break, one
 * that is empty or equals the null string, one starting with a byte order mark — is quoted.
 */
public final class CsvWriter {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final OutputStream out;
  private final byte delim;
  private final byte quote;
  private final byte[] nullBytes;
  private final boolean header;

  private CsvWriter(OutputStream out, CsvOptions options) {
    if (options.delimiter() > 0x7F || options.quote() > 0x7F || options.delimiter() == options.quote())
      throw new FlernException("CSV delimiter and quote must be two different ASCII characters");
    this.out = out;
    this.delim = (byte) options.delimiter();
    this.quote = (byte) options.quote();
    this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
    this.header = options.header();
  }

  public static void write(Table table, Path file, CsvOptions options) {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(table, os, options);
    } catch (IOException e) {
      throw new FlernException("could not write file \"" + file + "\": " + e.getMessage(), e);
    }
  }

  /** Writes to a stream (left open). */
  public static void write(Table table, OutputStream os, CsvOptions options) throws IOException {
    new CsvWriter(os, options).writeTable(table);
  }

  private void writeTable(Table table) throws IOException {
    int n = table.schema().size();
    if (header) {
      for (int c = 0; c < n; c++) {
        if (c > 0) out.write(delim);
        field(table.schema().get(c).name().getBytes(StandardCharsets.UTF_8));
      }
      out.write('\n');
    }
    for (RowGroup g : table.rowGroups()) {
      for (int r = 0; r < g.nrows(); r++) {
        for (int c = 0; c < n; c++) {
          if (c > 0) out.write(delim);
          ColumnChunk chunk = g.column(c);
          if (chunk.isNull(r)) out.write(nullBytes);
          else field(text(chunk, r));
        }
        out.write('\n');
      }
    }
  }

  private static byte[] text(ColumnChunk chunk, int r) {
    SqlType t = chunk.type();
    String s = switch (t.kind()) {
      case VARCHAR -> null;
      case BOOLEAN -> chunk.getBoolean(r) ? "true" : "false";
      case INTEGER -> Integer.toString(chunk.getInt(r));
      case BIGINT -> Long.toString(chunk.getLong(r));
      case DOUBLE -> formatDouble(chunk.getDouble(r));
      case DATE -> LocalDate.ofEpochDay(chunk.getInt(r)).toString();
      case FLOAT_ARRAY -> dev.flern.FloatArrayText.format(chunk.getFloats(r));
      case DECIMAL -> t.precision() <= SqlType.MAX_INT64_DECIMAL_PRECISION
          ? BigDecimal.valueOf(chunk.getLong(r), t.scale()).toPlainString()
          : ((BigDecimal) chunk.get(r)).toPlainString();
    };
    return s == null ? chunk.getUtf8(r) : s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Shortest text that reads back as the same double; "1.0" is written as "1". */
  static String formatDouble(double d) {
    String s = Double.toString(d);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private void field(byte[] v) throws IOException {
    if (!needsQuotes(v)) {
      out.write(v);
      return;
    }
    out.write(quote);
    int from = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] == quote) {
        out.write(v, from, i + 1 - from);
        out.write(quote); // doubled
        from = i + 1;
      }
    }
    out.write(v, from, v.length - from);
    out.write(quote);
  }

  private boolean needsQuotes(byte[] v) {
    if (v.length == 0 || java.util.Arrays.equals(v, nullBytes)) return true;
    if (v.length >= 3 && v[0] == BOM[0] && v[1] == BOM[1] && v[2] == BOM[2]) return true;
    for (byte b : v) if (b == delim || b == quote || b == '\n' || b == '\r') return true;
    return false;
  }
}
