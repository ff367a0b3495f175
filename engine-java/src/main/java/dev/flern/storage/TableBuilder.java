package dev.flern.storage;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a new {@link Table} row by row ({@link #appendRow}, or the typed setters followed by
 * {@link #endRow}) or in bulk from a native query result ({@link #appendNative}). Values are checked
 * against the schema as they come, so a bad value fails with a message naming its column, and a
 * failed row leaves the builder as it was before the row. Not thread-safe.
 */
public final class TableBuilder {
  private static final int INITIAL_CAPACITY = 1024;
  private static final int CAPACITY = RowGroup.CAPACITY;

  private final Schema schema;
  private final int ncols;
  private final List<RowGroup> groups = new ArrayList<>();
  private long sealedRows;

  /** Scratch columns of the row group being filled; null until the first value (and after build). */
  private ColumnBuffer[] cols;
  private int capacity;
  /** Row within the current group being filled. */
  private int row;
  private final boolean[] set;
  private int setCount;

  public TableBuilder(Schema schema) {
    this.schema = schema;
    this.ncols = schema.size();
    this.set = new boolean[ncols];
  }

  public Schema schema() {
    return schema;
  }

  /** Rows appended so far (finished rows only). */
  public long rowCount() {
    return sealedRows + row;
  }

  // ---- row at a time -------------------------------------------------------------------------

  /**
   * Appends one row of Java values: Boolean, Integer/Long/Short/Byte/BigInteger, Double/Float,
   * BigDecimal, LocalDate, String, float[] (FLOAT[n], exactly n) or null. Numbers convert where the conversion is exact (an Integer
   * into BIGINT, a BigDecimal with fewer decimals into DECIMAL); anything else fails.
   */
  public void appendRow(Object[] values) {
    if (values.length != ncols)
      throw new FlernException("row has " + values.length + " values, table has " + ncols + " columns");
    try {
      for (int c = 0; c < ncols; c++) setObject(c, values[c]);
    } catch (RuntimeException e) {
      abandonRow();
      throw e;
    }
    endRow();
  }

  /** Sets one value of the current row from a Java object (see {@link #appendRow}). */
  public TableBuilder setObject(int col, Object v) {
    if (v == null) return setNull(col);
    SqlType t = schema.get(col).type();
    switch (t.kind()) {
      case BOOLEAN -> {
        if (v instanceof Boolean b) return setBoolean(col, b);
      }
      case INTEGER -> {
        Long l = exactLong(col, v);
        if (l != null) {
          if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw outOfRange(col, v);
          return setInt(col, (int) (long) l);
        }
      }
      case BIGINT -> {
        Long l = exactLong(col, v);
        if (l != null) return setLong(col, l);
      }
      case DOUBLE -> {
        if (v instanceof Double d) return setDouble(col, d);
        if (v instanceof Float f) return setDouble(col, f);
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
          return setDouble(col, ((Number) v).doubleValue());
        if (v instanceof BigDecimal || v instanceof BigInteger) return setDouble(col, ((Number) v).doubleValue());
      }
      case DECIMAL -> {
        BigDecimal d = switch (v) {
          case BigDecimal b -> b;
          case BigInteger b -> new BigDecimal(b);
          case Integer i -> BigDecimal.valueOf(i);
          case Long l -> BigDecimal.valueOf(l);
          case Short s -> BigDecimal.valueOf(s);
          case Byte b -> BigDecimal.valueOf(b);
          case Double x when Double.isFinite(x) -> BigDecimal.valueOf(x);
          case Float x when Float.isFinite(x) -> new BigDecimal(Float.toString(x));
          default -> null;
        };
        if (d != null) return setDecimal(col, d);
      }
      case DATE -> {
        if (v instanceof LocalDate d) {
          long day = d.toEpochDay();
          if (day != (int) day) throw outOfRange(col, v);
          return setDate(col, (int) day);
        }
      }
      case VARCHAR -> {
        if (v instanceof String s) return setString(col, s);
      }
      case FLOAT_ARRAY -> {
        if (v instanceof float[] f) return setFloats(col, f);
      }
    }
    throw new FlernException("column \"" + schema.get(col).name() + "\" of type " + t
        + " cannot hold a value of type " + v.getClass().getSimpleName());
  }

  /** The value as an exact long, null if {@code v} is not an integral type, or an error if out of range. */
  private Long exactLong(int col, Object v) {
    return switch (v) {
      case Integer i -> (long) i;
      case Long l -> l;
      case Short s -> (long) s;
      case Byte b -> (long) b;
      case BigInteger b -> {
        if (b.bitLength() > 63) throw outOfRange(col, v);
        yield b.longValue();
      }
      case BigDecimal b -> {
        try {
          yield b.longValueExact();
        } catch (ArithmeticException e) {
          throw new FlernException("value " + b.toPlainString() + " is not an integer in range for column \""
              + schema.get(col).name() + "\" (" + schema.get(col).type() + ")");
        }
      }
      default -> null;
    };
  }

  private FlernException outOfRange(int col, Object v) {
    return new FlernException("value " + v + " is out of range for column \"" + schema.get(col).name()
        + "\" (" + schema.get(col).type() + ")");
  }

  public TableBuilder setNull(int col) {
    if (!schema.get(col).nullable())
      throw new FlernException("null value in column \"" + schema.get(col).name() + "\" violates not-null constraint");
    target(col).putNull(row);
    return this;
  }

  public TableBuilder setBoolean(int col, boolean v) {
    typed(col, Kind.BOOLEAN).putBoolean(row, v);
    return this;
  }

  public TableBuilder setInt(int col, int v) {
    typed(col, Kind.INTEGER).putInt(row, v);
    return this;
  }

  public TableBuilder setLong(int col, long v) {
    typed(col, Kind.BIGINT).putLong(row, v);
    return this;
  }

  public TableBuilder setDouble(int col, double v) {
    typed(col, Kind.DOUBLE).putDouble(row, v);
    return this;
  }

  /** DATE as days since 1970-01-01. */
  public TableBuilder setDate(int col, int epochDay) {
    typed(col, Kind.DATE).putInt(row, epochDay);
    return this;
  }

  /** A DECIMAL value, rescaled to the column's scale only if that is exact. */
  public TableBuilder setDecimal(int col, BigDecimal v) {
    SqlType t = schema.get(col).type();
    if (t.kind() != Kind.DECIMAL) throw typeMismatch(col, "DECIMAL");
    BigDecimal scaled;
    try {
      scaled = v.setScale(t.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new FlernException("value " + v.toPlainString() + " has more than " + t.scale()
          + " decimal places for column \"" + schema.get(col).name() + "\" (" + t + ")");
    }
    BigInteger u = scaled.unscaledValue();
    if (u.abs().compareTo(BigInteger.TEN.pow(t.precision())) >= 0) throw outOfRange(col, v.toPlainString());
    if (t.precision() <= SqlType.MAX_INT64_DECIMAL_PRECISION) target(col).putLong(row, u.longValue());
    else target(col).putInt128(row, u.longValue(), u.shiftRight(64).longValue());
    return this;
  }

  /** DECIMAL(p≤18): the unscaled value (value × 10^scale); checked against the precision. */
  public TableBuilder setUnscaled(int col, long unscaled) {
    SqlType t = schema.get(col).type();
    if (t.kind() != Kind.DECIMAL) throw typeMismatch(col, "DECIMAL");
    if (t.precision() > SqlType.MAX_INT64_DECIMAL_PRECISION) {
      return setUnscaled128(col, unscaled, unscaled < 0 ? -1 : 0);
    }
    long bound = POW10[t.precision()];
    if (unscaled <= -bound || unscaled >= bound)
      throw outOfRange(col, BigDecimal.valueOf(unscaled, t.scale()).toPlainString());
    target(col).putLong(row, unscaled);
    return this;
  }

  /** DECIMAL(p>18): the unscaled value as a 128-bit two's complement integer (low, high). */
  public TableBuilder setUnscaled128(int col, long lo, long hi) {
    SqlType t = schema.get(col).type();
    if (t.kind() != Kind.DECIMAL) throw typeMismatch(col, "DECIMAL");
    if (t.precision() <= SqlType.MAX_INT64_DECIMAL_PRECISION) {
      if (hi != (lo >> 63)) throw outOfRange(col, new BigDecimal(ColumnChunk.int128(lo, hi), t.scale()).toPlainString());
      return setUnscaled(col, lo);
    }
    if (ColumnChunk.int128(lo, hi).abs().compareTo(BigInteger.TEN.pow(t.precision())) >= 0)
      throw outOfRange(col, new BigDecimal(ColumnChunk.int128(lo, hi), t.scale()).toPlainString());
    target(col).putInt128(row, lo, hi);
    return this;
  }

  /** A FLOAT[n] value: exactly n floats (copied). */
  public TableBuilder setFloats(int col, float[] v) {
    SqlType t = schema.get(col).type();
    if (t.kind() != Kind.FLOAT_ARRAY) throw typeMismatch(col, "float[]");
    if (v.length != t.length())
      throw new FlernException("column \"" + schema.get(col).name() + "\" of type " + t + " needs " + t.length()
          + " floats, got " + v.length);
    target(col).putFloats(row, v);
    return this;
  }

  public TableBuilder setString(int col, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return setUtf8(col, b, 0, b.length);
  }

  /** A VARCHAR value from UTF-8 bytes (not checked: the caller guarantees valid UTF-8). */
  public TableBuilder setUtf8(int col, byte[] bytes, int off, int len) {
    typed(col, Kind.VARCHAR).putUtf8(row, bytes, off, len);
    return this;
  }

  /** Finishes the current row; every column must have been set. */
  public void endRow() {
    if (setCount != ncols) {
      for (int c = 0; c < ncols; c++)
        if (!set[c]) throw new FlernException("no value given for column \"" + schema.get(c).name() + "\"");
    }
    if (ncols == 0 && cols == null) startGroup();
    for (int c = 0; c < ncols; c++) set[c] = false;
    setCount = 0;
    row++;
    if (row == CAPACITY) sealGroup();
    else if (row == capacity) growTo(capacity * 2);
  }

  /** Forgets the values set for the current row. */
  public void abandonRow() {
    for (int c = 0; c < ncols; c++) set[c] = false;
    setCount = 0;
  }

  private ColumnBuffer typed(int col, Kind kind) {
    if (schema.get(col).type().kind() != kind) throw typeMismatch(col, kind.name());
    return target(col);
  }

  private FlernException typeMismatch(int col, String given) {
    return new FlernException("column \"" + schema.get(col).name() + "\" of type " + schema.get(col).type()
        + " cannot hold a value of type " + given);
  }

  private ColumnBuffer target(int col) {
    if (cols == null) startGroup();
    if (!set[col]) {
      set[col] = true;
      setCount++;
    }
    return cols[col];
  }

  private void startGroup() {
    capacity = INITIAL_CAPACITY;
    cols = new ColumnBuffer[ncols];
    for (int c = 0; c < ncols; c++) cols[c] = new ColumnBuffer(schema.get(c), capacity);
  }

  private void growTo(int newCapacity) {
    for (ColumnBuffer b : cols) b.grow(newCapacity, row);
    capacity = newCapacity;
  }

  private void sealGroup() {
    // One automatic arena per row group: its memory goes when no table refers to the group.
    Arena arena = Arena.ofAuto();
    List<ColumnChunk> chunks = new ArrayList<>(ncols);
    for (ColumnBuffer b : cols) chunks.add(b.seal(row, arena));
    groups.add(new RowGroup(row, chunks, arena));
    sealedRows += row;
    row = 0;
  }

  // ---- bulk ----------------------------------------------------------------------------------

  /**
   * Appends a native query result (docs/CONTRACTS.md §2): its columns have this builder's schema,
   * in its physical layout. The segments may be zero-length pointers; they are reinterpreted to the
   * sizes {@code nrows} implies. Fails without appending anything if a NOT NULL column holds a NULL.
   */
  public void appendNative(ResultColumns result) {
    if (result.columns().size() != ncols)
      throw new FlernException("result has " + result.columns().size() + " columns, table has " + ncols);
    long n = result.nrows();
    if (n == 0) return;
    ColumnBuffer.Source[] sources = new ColumnBuffer.Source[ncols];
    for (int c = 0; c < ncols; c++) {
      NativeColumn nc = result.columns().get(c);
      SqlType t = schema.get(c).type();
      MemorySegment values = nc.values().reinterpret(n * t.byteWidth());
      MemorySegment validity = nc.validity().address() == 0
          ? MemorySegment.NULL : nc.validity().reinterpret((n + 7) / 8);
      if (validity.address() != 0 && !schema.get(c).nullable() && hasNull(validity, n))
        throw new FlernException("null value in column \"" + schema.get(c).name() + "\" violates not-null constraint");
      MemorySegment[] buffers = new MemorySegment[0];
      if (t.kind() == Kind.VARCHAR) {
        long heapEnd = heapExtent(values, validity, n);
        if (heapEnd > 0) {
          if (nc.heap().address() == 0)
            throw new IllegalArgumentException("VARCHAR column " + c + " has long strings but no heap");
          buffers = new MemorySegment[] {nc.heap().reinterpret(heapEnd)};
        }
      }
      sources[c] = new ColumnBuffer.Source(values, validity, buffers);
    }
    appendBulk(n, sources);
  }

  /** Bytes of the heap that the non-NULL long views of a native VARCHAR column reach. */
  private static long heapExtent(MemorySegment views, MemorySegment validity, long n) {
    long end = 0;
    boolean nulls = validity.address() != 0;
    for (long i = 0; i < n; i++) {
      if (nulls && !ColumnBuffer.bit(validity, i)) continue;
      long at = NativeLayout.VIEW_WIDTH * i;
      int len = views.get(ColumnChunk.INT, at);
      if (len > NativeLayout.MAX_INLINE)
        end = Math.max(end, Integer.toUnsignedLong(views.get(ColumnChunk.INT, at + 12)) + len);
    }
    return end;
  }

  private static boolean hasNull(MemorySegment bitmap, long n) {
    long full = n / 8;
    for (long i = 0; i < full; i++)
      if (bitmap.get(ValueLayout.JAVA_BYTE, i) != (byte) -1) return true;
    int rest = (int) (n % 8);
    if (rest == 0) return false;
    int mask = (1 << rest) - 1;
    return (bitmap.get(ValueLayout.JAVA_BYTE, full) & mask) != mask;
  }

  /** Appends all rows of a row group of a table with this builder's column types. */
  void appendRowGroup(RowGroup g) {
    ColumnBuffer.Source[] sources = new ColumnBuffer.Source[ncols];
    for (int c = 0; c < ncols; c++) {
      ColumnChunk chunk = g.column(c);
      if (chunk.hasNulls() && !schema.get(c).nullable() && hasNull(chunk.validity(), g.nrows()))
        throw new FlernException("null value in column \"" + schema.get(c).name() + "\" violates not-null constraint");
      sources[c] = new ColumnBuffer.Source(chunk.values(), chunk.validity(),
          chunk.buffers().toArray(new MemorySegment[0]));
    }
    appendBulk(g.nrows(), sources);
  }

  private void appendBulk(long nrows, ColumnBuffer.Source[] sources) {
    if (setCount != 0) throw new IllegalStateException("a row is half set; finish it with endRow() first");
    long done = 0;
    while (done < nrows) {
      if (cols == null) startGroup();
      int n = (int) Math.min(nrows - done, CAPACITY - row);
      int need = row + n;
      if (need > capacity || need == capacity && need < CAPACITY) {
        int newCapacity = capacity;
        while (newCapacity <= need && newCapacity < CAPACITY) newCapacity *= 2;
        growTo(newCapacity);
      }
      for (int c = 0; c < ncols; c++) cols[c].copyFrom(sources[c], done, row, n);
      row += n;
      done += n;
      if (row == CAPACITY) sealGroup();
    }
  }

  // ---- finish --------------------------------------------------------------------------------

  /** The table of all rows appended so far. The builder may go on; later tables include these rows. */
  public Table build() {
    if (setCount != 0) throw new IllegalStateException("a row is half set; finish it with endRow() first");
    if (row > 0) sealGroup();
    cols = null; // drop the scratch buffers; a next row starts a fresh group
    return new Table(schema, groups);
  }

  static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
  }
}
