package dev.flern.storage;

import static dev.flern.storage.ColumnChunk.INT;
import static dev.flern.storage.ColumnChunk.LONG;

import dev.flern.SqlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The column of the row group a {@link TableBuilder} is filling. Values go into scratch buffers
 * that are reused from one row group to the next; sealing copies them into exact-size segments of
 * the row group's own arena. So a finished table holds no slack, and the builder's growth never
 * leaves garbage behind in the (GC-managed, direct-memory-accounted) automatic arenas.
 */
final class ColumnBuffer {
  /** First VARCHAR data buffer; doubled as needed. */
  private static final long INITIAL_DATA = 64 * 1024;
  /** A view's offset is an int32, so one data buffer holds at most this many bytes. */
  private static final long MAX_DATA = Integer.MAX_VALUE;

  final ColumnDef def;
  final SqlType type;
  final int width;
  final boolean varchar;

  private int capacity;
  private MemorySegment values;
  /** Scratch bitmap; meaningful only while {@link #hasNulls}. */
  private MemorySegment validity;
  private boolean hasNulls;

  /** VARCHAR: buffers already full in this row group, then the one being filled. */
  private final List<MemorySegment> fullData = new ArrayList<>();
  private MemorySegment data;
  private long dataUsed;

  ColumnBuffer(ColumnDef def, int capacity) {
    this.def = def;
    this.type = def.type();
    this.width = type.byteWidth();
    this.varchar = type.kind() == SqlType.Kind.VARCHAR;
    this.capacity = capacity;
    this.values = scratch((long) capacity * width);
  }

  private static MemorySegment scratch(long bytes) {
    return NativeMemory.allocate(Math.max(bytes, 16), 16);
  }

  MemorySegment values() { return values; }

  /** Makes room for {@code newCapacity} rows, keeping the first {@code rows}. */
  void grow(int newCapacity, int rows) {
    if (newCapacity <= capacity) return;
    MemorySegment v = scratch((long) newCapacity * width);
    MemorySegment.copy(values, 0, v, 0, (long) rows * width);
    values = v;
    if (validity != null) {
      MemorySegment b = scratch(newCapacity / 8);
      b.fill((byte) -1);
      if (hasNulls) MemorySegment.copy(validity, 0, b, 0, capacity / 8);
      validity = b;
    }
    capacity = newCapacity;
  }

  // ---- single values; the caller has checked the type and that row < capacity ----

  void putNull(int row) {
    if (!hasNulls) {
      if (validity == null) validity = scratch(capacity / 8);
      validity.fill((byte) -1);
      hasNulls = true;
    }
    int b = validity.get(ValueLayout.JAVA_BYTE, row >>> 3);
    validity.set(ValueLayout.JAVA_BYTE, row >>> 3, (byte) (b & ~(1 << (row & 7))));
    // A NULL's value slot is zero, so the bytes of a table never depend on garbage.
    values.asSlice((long) row * width, width).fill((byte) 0);
  }

  /** Needed only when the same row was set to NULL before (a failed or repeated set). */
  private void markValid(int row) {
    if (hasNulls) {
      int b = validity.get(ValueLayout.JAVA_BYTE, row >>> 3);
      validity.set(ValueLayout.JAVA_BYTE, row >>> 3, (byte) (b | (1 << (row & 7))));
    }
  }

  void putBoolean(int row, boolean v) {
    values.set(ValueLayout.JAVA_BYTE, row, (byte) (v ? 1 : 0));
    markValid(row);
  }

  void putInt(int row, int v) {
    values.set(INT, 4L * row, v);
    markValid(row);
  }

  void putLong(int row, long v) {
    values.set(LONG, 8L * row, v);
    markValid(row);
  }

  void putDouble(int row, double v) {
    values.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * row, v);
    markValid(row);
  }

  void putInt128(int row, long lo, long hi) {
    values.set(LONG, 16L * row, lo);
    values.set(LONG, 16L * row + 8, hi);
    markValid(row);
  }

  /** A FLOAT[n] value; the caller has checked that {@code v} holds exactly n floats. */
  void putFloats(int row, float[] v) {
    MemorySegment.copy(v, 0, values, ValueLayout.JAVA_FLOAT_UNALIGNED, (long) row * width, v.length);
    markValid(row);
  }

  void putUtf8(int row, byte[] src, int off, int len) {
    long at = NativeLayout.VIEW_WIDTH * row;
    values.set(INT, at, len);
    if (len <= NativeLayout.MAX_INLINE) {
      MemorySegment.copy(src, off, values, ValueLayout.JAVA_BYTE, at + 4, len);
      values.asSlice(at + 4 + len, NativeLayout.MAX_INLINE - len).fill((byte) 0);
    } else {
      MemorySegment.copy(src, off, values, ValueLayout.JAVA_BYTE, at + 4, 4);
      long dst = reserveData(len);
      MemorySegment.copy(src, off, data, ValueLayout.JAVA_BYTE, dst, len);
      values.set(INT, at + 8, fullData.size());
      values.set(INT, at + 12, (int) dst);
    }
    markValid(row);
  }

  void putUtf8(int row, MemorySegment src, long off, int len) {
    long at = NativeLayout.VIEW_WIDTH * row;
    values.set(INT, at, len);
    if (len <= NativeLayout.MAX_INLINE) {
      MemorySegment.copy(src, off, values, at + 4, len);
      values.asSlice(at + 4 + len, NativeLayout.MAX_INLINE - len).fill((byte) 0);
    } else {
      MemorySegment.copy(src, off, values, at + 4, 4);
      long dst = reserveData(len);
      MemorySegment.copy(src, off, data, dst, len);
      values.set(INT, at + 8, fullData.size());
      values.set(INT, at + 12, (int) dst);
    }
    markValid(row);
  }

  /** Room for {@code len} string bytes in the current data buffer; returns their offset. */
  private long reserveData(int len) {
    if (data == null) data = scratch(Math.max(INITIAL_DATA, len));
    if (dataUsed + len > data.byteSize()) {
      long want = Math.max(2 * data.byteSize(), dataUsed + len);
      if (dataUsed + len <= MAX_DATA) {
        MemorySegment d = scratch(Math.min(want, MAX_DATA));
        MemorySegment.copy(data, 0, d, 0, dataUsed);
        data = d;
      } else {
        // Offsets are int32: start another buffer (buffer_index + 1).
        fullData.add(data.asSlice(0, dataUsed));
        data = scratch(Math.max(INITIAL_DATA, len));
        dataUsed = 0;
      }
    }
    long at = dataUsed;
    dataUsed += len;
    return at;
  }

  // ---- bulk ----

  /**
   * Copies {@code n} rows starting at {@code srcRow} of {@code src} to rows {@code dstRow…}. The
   * caller has checked NOT NULL and capacity.
   */
  void copyFrom(Source src, long srcRow, int dstRow, int n) {
    boolean srcNulls = src.validity().address() != 0;
    if (!varchar) {
      MemorySegment.copy(src.values(), srcRow * width, values, (long) dstRow * width, (long) n * width);
      if (srcNulls || hasNulls) {
        for (int i = 0; i < n; i++) {
          if (srcNulls && !bit(src.validity(), srcRow + i)) putNull(dstRow + i);
          else markValid(dstRow + i);
        }
      }
      return;
    }
    MemorySegment sv = src.values();
    for (int i = 0; i < n; i++) {
      long s = srcRow + i;
      if (srcNulls && !bit(src.validity(), s)) {
        putNull(dstRow + i);
        continue;
      }
      long at = NativeLayout.VIEW_WIDTH * s;
      int len = sv.get(INT, at);
      if (len <= NativeLayout.MAX_INLINE) {
        putUtf8(dstRow + i, sv, at + 4, len);
      } else {
        MemorySegment buf = src.buffers()[sv.get(INT, at + 8)];
        putUtf8(dstRow + i, buf, Integer.toUnsignedLong(sv.get(INT, at + 12)), len);
      }
    }
  }

  static boolean bit(MemorySegment bitmap, long i) {
    return (bitmap.get(ValueLayout.JAVA_BYTE, i >>> 3) & (1 << (i & 7))) != 0;
  }

  /** Copies the first {@code rows} rows into exact-size segments of {@code arena}, then resets. */
  ColumnChunk seal(int rows, Arena arena) {
    MemorySegment v = NativeMemory.allocate(arena, (long) rows * width, 16);
    MemorySegment.copy(values, 0, v, 0, (long) rows * width);
    MemorySegment bitmap = MemorySegment.NULL;
    if (hasNulls) {
      bitmap = NativeMemory.allocate(arena, (rows + 7) / 8, 8);
      MemorySegment.copy(validity, 0, bitmap, 0, bitmap.byteSize());
    }
    List<MemorySegment> buffers = new ArrayList<>();
    if (varchar) {
      for (MemorySegment full : fullData) buffers.add(copyOf(full, full.byteSize(), arena));
      if (data != null && (dataUsed > 0 || !fullData.isEmpty())) buffers.add(copyOf(data, dataUsed, arena));
    }
    hasNulls = false;
    fullData.clear();
    dataUsed = 0;
    return new ColumnChunk(type, rows, v, bitmap, buffers);
  }

  private static MemorySegment copyOf(MemorySegment src, long bytes, Arena arena) {
    MemorySegment d = NativeMemory.allocate(arena, Math.max(bytes, 1), 16);
    MemorySegment.copy(src, 0, d, 0, bytes);
    return d;
  }

  /** Rows to copy from: a sealed chunk or a native result column. */
  record Source(MemorySegment values, MemorySegment validity, MemorySegment[] buffers) {}
}
