package dev.flern.csv;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import dev.flern.storage.TableBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a CSV file into a {@link Table}, with the column types declared in {@link CsvOptions#columns}
 * or inferred from the data. Any bad record fails the whole read with a message naming the file, the
 * 1-based line and the column, e.g. {@code data.csv:17: column 3 "price": invalid DECIMAL(10,2) value
 * "abc"}; nothing partial is returned.
 */
public final class CsvReader {
  /** Records looked at before loading when inferring types; later surprises widen and reload. */
  static final int SAMPLE_ROWS = 20_000;
  private static final int BUFFER = 1 << 20;

  // Inference candidates, narrowest first; VARCHAR holds anything and is the fallback.
  private static final int BOOL = 1;
  private static final int INT = 2;
  private static final int DBL = 4;
  private static final int DATE = 8;
  private static final int ALL = BOOL | INT | DBL | DATE;

  private final Path file;
  private final String fileName;
  private final CsvOptions options;
  private final byte[] nullBytes;
  private final FieldParser parser = new FieldParser();
  private List<String> names = List.of();

  private CsvReader(Path file, CsvOptions options) {
    this.file = file;
    this.fileName = file.toString();
    this.options = options;
    this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
    if (options.delimiter() > 0x7F || options.quote() > 0x7F)
      throw new FlernException("CSV delimiter and quote must be single-byte (ASCII) characters");
    if (options.delimiter() == options.quote())
      throw new FlernException("CSV delimiter and quote must differ");
    if (options.delimiter() == '\n' || options.delimiter() == '\r' || options.quote() == '\n' || options.quote() == '\r')
      throw new FlernException("CSV delimiter and quote cannot be line breaks");
  }

  public static Table read(Path file, CsvOptions options) {
    CsvReader r = new CsvReader(file, options);
    return options.columns().isPresent() ? r.readDeclared(options.columns().get()) : r.readInferred();
  }

  public static Table read(String file, CsvOptions options) {
    return read(Path.of(file), options);
  }

  // ---- declared ------------------------------------------------------------------------------

  private Table readDeclared(Schema schema) {
    names = schema.columns().stream().map(ColumnDef::name).toList();
    try (CsvTokenizer t = open()) {
      if (options.header() && !t.next()) return Table.empty(schema);
      return load(t, schema, false);
    } catch (IOException e) {
      throw ioError(e);
    } catch (CsvTokenizer.SyntaxError e) {
      throw syntaxError(e);
    }
  }

  // ---- inferred ------------------------------------------------------------------------------

  private Table readInferred() {
    int[] masks;
    try (CsvTokenizer t = open()) {
      if (!t.next()) throw new FlernException(fileName + ": the file is empty, so its columns cannot be inferred");
      int n = t.count();
      List<String> cols = new ArrayList<>(n);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < n; i++) {
        String name = options.header()
            ? new String(t.array(i), t.start(i), t.length(i), StandardCharsets.UTF_8).strip()
            : "";
        if (name.isEmpty()) name = "column" + i;
        String unique = name;
        for (int k = 1; !seen.add(unique.toLowerCase(Locale.ROOT)); k++) unique = name + "_" + k;
        cols.add(unique);
      }
      names = List.copyOf(cols);
      masks = new int[n];
      java.util.Arrays.fill(masks, ALL);
      boolean[] seenValue = new boolean[n];
      boolean pending = !options.header(); // without a header, the first record is data
      for (int rows = 0; rows < SAMPLE_ROWS && (pending || t.next()); rows++) {
        pending = false;
        if (t.blank() && n > 1) continue;
        checkFieldCount(t, n);
        for (int c = 0; c < n; c++) {
          if (isNull(t, c, true)) continue;
          seenValue[c] = true;
          masks[c] &= candidates(t.array(c), t.start(c), t.length(c));
        }
      }
      for (int c = 0; c < n; c++) if (!seenValue[c]) masks[c] = 0; // only NULLs: VARCHAR
    } catch (IOException e) {
      throw ioError(e);
    } catch (CsvTokenizer.SyntaxError e) {
      throw syntaxError(e);
    }
    // Load; a value the sample did not foresee narrows its column's candidates and restarts the load.
    for (;;) {
      List<ColumnDef> defs = new ArrayList<>();
      for (int c = 0; c < masks.length; c++) defs.add(new ColumnDef(names.get(c), pick(masks[c]), true));
      Schema schema = new Schema(defs);
      try (CsvTokenizer t = open()) {
        if (options.header()) t.next();
        return load(t, schema, true);
      } catch (Widen w) {
        masks[w.column] &= w.candidates;
      } catch (IOException e) {
        throw ioError(e);
      } catch (CsvTokenizer.SyntaxError e) {
        throw syntaxError(e);
      }
    }
  }

  /** The types (as candidate bits) a non-NULL field can be read as. */
  private int candidates(byte[] b, int s, int len) {
    int m = 0;
    if (parser.parseBoolean(b, s, len, true) == FieldParser.OK) m |= BOOL;
    if (parser.parseLong(b, s, len) == FieldParser.OK) m |= INT;
    if (parser.parseDouble(b, s, len) == FieldParser.OK) m |= DBL;
    if (parser.parseDate(b, s, len) == FieldParser.OK) m |= DATE;
    return m;
  }

  private static SqlType pick(int mask) {
    if ((mask & BOOL) != 0) return SqlType.BOOLEAN;
    if ((mask & INT) != 0) return SqlType.BIGINT;
    if ((mask & DBL) != 0) return SqlType.DOUBLE;
    if ((mask & DATE) != 0) return SqlType.DATE;
    return SqlType.VARCHAR;
  }

  /** Thrown (without a stack) when an inferred column meets a value its type cannot hold. */
  private static final class Widen extends RuntimeException {
    final int column;
    final int candidates;

    Widen(int column, int candidates) {
      super(null, null, false, false);
      this.column = column;
      this.candidates = candidates;
    }
  }

  // ---- loading -------------------------------------------------------------------------------

  private Table load(CsvTokenizer t, Schema schema, boolean inferred) throws IOException, CsvTokenizer.SyntaxError {
    int n = schema.size();
    TableBuilder builder = new TableBuilder(schema);
    Kind[] kinds = new Kind[n];
    SqlType[] types = new SqlType[n];
    boolean[] nullable = new boolean[n];
    for (int c = 0; c < n; c++) {
      types[c] = schema.get(c).type();
      kinds[c] = types[c].kind();
      nullable[c] = schema.get(c).nullable();
    }
    FieldParser p = parser;
    while (t.next()) {
      if (t.blank() && n > 1) continue;
      checkFieldCount(t, n);
      for (int c = 0; c < n; c++) {
        byte[] b = t.array(c);
        int s = t.start(c);
        int len = t.length(c);
        if (isNull(t, c, kinds[c] != Kind.VARCHAR)) {
          if (!nullable[c]) throw fieldError(t.line(), c, "null value violates not-null constraint");
          builder.setNull(c);
          continue;
        }
        int r;
        switch (kinds[c]) {
          case BOOLEAN -> {
            r = p.parseBoolean(b, s, len, inferred);
            if (r == FieldParser.OK) builder.setBoolean(c, p.boolValue);
          }
          case INTEGER -> {
            r = p.parseInt(b, s, len);
            if (r == FieldParser.OK) builder.setInt(c, p.intValue);
          }
          case BIGINT -> {
            r = p.parseLong(b, s, len);
            if (r == FieldParser.OK) builder.setLong(c, p.longValue);
          }
          case DOUBLE -> {
            r = p.parseDouble(b, s, len);
            if (r == FieldParser.OK) builder.setDouble(c, p.doubleValue);
          }
          case DATE -> {
            r = p.parseDate(b, s, len);
            if (r == FieldParser.OK) builder.setDate(c, p.intValue);
          }
          case DECIMAL -> {
            r = p.parseDecimal(b, s, len, types[c].precision(), types[c].scale());
            if (r == FieldParser.OK) {
              if (types[c].precision() <= SqlType.MAX_INT64_DECIMAL_PRECISION) builder.setUnscaled(c, p.longValue);
              else builder.setUnscaled128(c, p.bigValue.longValue(), p.bigValue.shiftRight(64).longValue());
            }
          }
          case VARCHAR -> {
            if (!FieldParser.isUtf8(b, s, len)) throw fieldError(t.line(), c, "invalid UTF-8 in the value");
            builder.setUtf8(c, b, s, len);
            r = FieldParser.OK;
          }
          case FLOAT_ARRAY -> {
            float[] v;
            try {
              v = dev.flern.FloatArrayText.parse(new String(b, s, len, StandardCharsets.UTF_8), types[c].length());
            } catch (FlernException e) {
              throw fieldError(t.line(), c, "invalid " + types[c] + " value " + show(b, s, len) + ": " + e.getMessage());
            }
            builder.setFloats(c, v);
            r = FieldParser.OK;
          }
          default -> throw new IllegalStateException();
        }
        if (r != FieldParser.OK) {
          if (inferred) throw new Widen(c, candidates(b, s, len));
          String shown = show(b, s, len);
          throw fieldError(t.line(), c, r == FieldParser.RANGE
              ? "value " + shown + " is out of range for " + types[c]
              : "invalid " + types[c] + " value " + shown);
        }
      }
      builder.endRow();
    }
    return builder.build();
  }

  /**
   * A field is NULL when it is unquoted and equals the null string; for columns other than VARCHAR an
   * empty unquoted field is NULL too, since it cannot be a value. A quoted field is never NULL.
   */
  private boolean isNull(CsvTokenizer t, int c, boolean emptyIsNull) {
    if (t.quoted(c)) return false;
    int len = t.length(c);
    if (len == 0 && emptyIsNull) return true;
    if (len != nullBytes.length) return false;
    byte[] b = t.array(c);
    int s = t.start(c);
    for (int i = 0; i < len; i++) if (b[s + i] != nullBytes[i]) return false;
    return true;
  }

  private void checkFieldCount(CsvTokenizer t, int n) {
    int got = t.count();
    if (got == n) return;
    String detail = got < n
        ? " (" + label(got) + " is missing)"
        : " (" + label(n) + " is extra)";
    throw new FlernException(fileName + ":" + t.line() + ": expected " + n + (n == 1 ? " field" : " fields")
        + ", found " + got + detail);
  }

  // ---- errors --------------------------------------------------------------------------------

  private CsvTokenizer open() {
    try {
      InputStream in = Files.newInputStream(file);
      return new CsvTokenizer(in, (byte) options.delimiter(), (byte) options.quote(), BUFFER);
    } catch (NoSuchFileException e) {
      throw new FlernException("could not open file \"" + fileName + "\": no such file");
    } catch (IOException e) {
      throw new FlernException("could not open file \"" + fileName + "\": " + e.getMessage(), e);
    }
  }

  private String label(int c) {
    return "column " + (c + 1) + (c < names.size() ? " \"" + names.get(c) + "\"" : "");
  }

  private FlernException fieldError(long line, int c, String message) {
    return new FlernException(fileName + ":" + line + ": " + label(c) + ": " + message);
  }

  private FlernException syntaxError(CsvTokenizer.SyntaxError e) {
    return fieldError(e.line, e.field, e.getMessage());
  }

  private FlernException ioError(IOException e) {
    return new FlernException("could not read file \"" + fileName + "\": " + e.getMessage(), e);
  }

  /** A value for an error message: quoted, cut short if long. */
  private static String show(byte[] b, int s, int len) {
    String v = new String(b, s, Math.min(len, 80), StandardCharsets.UTF_8);
    return "\"" + v + (len > 80 ? "…" : "") + "\"";
  }
}
