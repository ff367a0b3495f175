package dev.flern.storage;

import dev.flern.SqlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * One column of one row group in native memory (docs/CONTRACTS.md §1): {@code nrows} values of the
 * physical width, an Arrow validity bitmap or {@link MemorySegment#NULL} when the chunk has no NULLs,
 * and for VARCHAR the data buffers the long Utf8Views point into. Immutable once built; the segments
 * come from automatic arenas, so the memory lives exactly as long as some chunk refers to it.
 */
public final class ColumnChunk {
  static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
  static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

  private final SqlType type;
  private final int nrows;
  private final MemorySegment values;
  private final MemorySegment validity;
  private final List<MemorySegment> buffers;

  ColumnChunk(SqlType type, int nrows, MemorySegment values, MemorySegment validity,
              List<MemorySegment> buffers) {
    this.type = type;
    this.nrows = nrows;
    this.values = values;
    this.validity = validity;
    this.buffers = List.copyOf(buffers);
  }

  /** Lazily computed [min, max] of the non-NULL values (integer-like types); see {@link #intRange()}. */
  private volatile long[] range;

  public SqlType type() { return type; }
  public int nrows() { return nrows; }

  /**
   * The smallest and largest non-NULL value of an INTEGER, BIGINT, DATE or BOOLEAN chunk (as longs),
   * or null when the chunk has no non-NULL value or another type. Computed once: chunks are immutable.
   * The code generator uses it to choose data-structure layouts (a dense array for a small key domain).
   */
  public long[] intRange() {
    long[] r = range;
    if (r == null) {
      r = computeRange();
      range = r;
    }
    return r.length == 0 ? null : r;
  }

  private long[] computeRange() {
    int width;
    switch (type.kind()) {
      case INTEGER, DATE -> width = 4;
      case BIGINT -> width = 8;
      case BOOLEAN -> width = 1;
      default -> { return new long[0]; }
    }
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    boolean any = false;
    for (int i = 0; i < nrows; i++) {
      if (isNull(i)) continue;
      long v = width == 4 ? getInt(i) : width == 8 ? getLong(i) : (getBoolean(i) ? 1 : 0);
      if (v < min) min = v;
      if (v > max) max = v;
      any = true;
    }
    return any ? new long[] {min, max} : new long[0];
  }
  /** {@code nrows × type.byteWidth()} bytes. */
  public MemorySegment values() { return values; }
  /** The validity bitmap, or {@link MemorySegment#NULL} when no value is NULL. */
  public MemorySegment validity() { return validity; }
  public boolean hasNulls() { return validity.address() != 0; }
  /** VARCHAR data buffers; empty for other types. */
  public List<MemorySegment> buffers() { return buffers; }

  public boolean isNull(int row) {
    return hasNulls() && (validity.get(ValueLayout.JAVA_BYTE, row >>> 3) & (1 << (row & 7))) == 0;
  }

  public boolean getBoolean(int row) { return values.get(ValueLayout.JAVA_BYTE, row) != 0; }
  public int getInt(int row) { return values.get(INT, 4L * row); }
  public long getLong(int row) { return values.get(LONG, 8L * row); }
  public double getDouble(int row) { return values.get(DOUBLE, 8L * row); }

  /** A FLOAT[n] value: its n floats, copied out. */
  public float[] getFloats(int row) {
    int n = type.length();
    float[] out = new float[n];
    MemorySegment.copy(values, ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * n * row, out, 0, n);
    return out;
  }

  /** The UTF-8 bytes of a VARCHAR value. */
  public byte[] getUtf8(int row) {
    long at = NativeLayout.VIEW_WIDTH * row;
    int len = values.get(INT, at);
    byte[] out = new byte[len];
    if (len <= NativeLayout.MAX_INLINE) {
      MemorySegment.copy(values, ValueLayout.JAVA_BYTE, at + 4, out, 0, len);
    } else {
      MemorySegment buf = buffers.get(values.get(INT, at + 8));
      MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, Integer.toUnsignedLong(values.get(INT, at + 12)), out, 0, len);
    }
    return out;
  }

  /** The value as the Java object {@link Table#get} promises, or null for NULL. */
  public Object get(int row) {
    if (row < 0 || row >= nrows) throw new IndexOutOfBoundsException("row " + row + " of " + nrows);
    if (isNull(row)) return null;
    return switch (type.kind()) {
      case BOOLEAN -> getBoolean(row);
      case INTEGER -> getInt(row);
      case BIGINT -> getLong(row);
      case DOUBLE -> getDouble(row);
      case DATE -> LocalDate.ofEpochDay(getInt(row));
      case VARCHAR -> new String(getUtf8(row), StandardCharsets.UTF_8);
      case FLOAT_ARRAY -> getFloats(row);
      case DECIMAL -> type.precision() <= SqlType.MAX_INT64_DECIMAL_PRECISION
          ? BigDecimal.valueOf(getLong(row), type.scale())
          : new BigDecimal(int128(values.get(LONG, 16L * row), values.get(LONG, 16L * row + 8)), type.scale());
    };
  }

  /** Two's complement 128-bit integer from its little-endian halves. */
  static BigInteger int128(long lo, long hi) {
    return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
  }
}
