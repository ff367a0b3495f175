package dev.flern.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.flern.SqlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the flern_table_view tree back the way C would: raw addresses at the contract's offsets. */
class NativeViewTest {
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;
  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT;

  private static MemorySegment ptr(MemorySegment s, long offset, long size) {
    return s.get(ValueLayout.ADDRESS, offset).reinterpret(size);
  }

  @Test
  void layoutMatchesTheCStructs() {
    Schema s = new Schema(List.of(
        new ColumnDef("i", SqlType.INTEGER, true),
        new ColumnDef("s", SqlType.VARCHAR, true),
        new ColumnDef("w", SqlType.decimal(30, 2), false),
        new ColumnDef("b", SqlType.BOOLEAN, false)));
    TableBuilder b = new TableBuilder(s);
    int n = RowGroup.CAPACITY + 10;
    String longString = "this one is longer than twelve bytes";
    for (int r = 0; r < n; r++) {
      if (r % 3 == 1) b.setNull(0);
      else b.setInt(0, r);
      if (r % 2 == 0) b.setString(1, "ab" + (r % 10));
      else if (r % 5 == 0) b.setNull(1);
      else b.setString(1, longString + r);
      b.setUnscaled128(2, -r, -1);
      b.setBoolean(3, r % 4 == 0);
      b.endRow();
    }
    Table t = b.build();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment view = t.nativeView(arena);
      assertEquals(24, view.byteSize());
      assertEquals(4, view.get(I64, 0));
      assertEquals(2, view.get(I64, 8));
      MemorySegment groups = ptr(view, 16, 2 * 16);
      assertEquals(RowGroup.CAPACITY, groups.get(I64, 0));
      assertEquals(10, groups.get(I64, 16));
      long base = 0;
      for (int g = 0; g < 2; g++) {
        long nrows = groups.get(I64, g * 16L);
        MemorySegment cols = ptr(groups, g * 16L + 8, 4 * 32);

        // INTEGER with NULLs: int32 values, validity bitmap, no buffers.
        MemorySegment ints = ptr(cols, 0, nrows * 4);
        MemorySegment valid = ptr(cols, 8, (nrows + 7) / 8);
        assertEquals(0, cols.get(ValueLayout.ADDRESS, 16).address());
        assertEquals(0, cols.get(I64, 24));
        for (long r = 0; r < nrows; r++) {
          long row = base + r;
          boolean isValid = (valid.get(ValueLayout.JAVA_BYTE, r / 8) & (1 << (r % 8))) != 0;
          assertEquals(row % 3 != 1, isValid, "validity of row " + row);
          assertEquals(row % 3 == 1 ? 0 : (int) row, ints.getAtIndex(I32, r));
        }

        // VARCHAR: Utf8View, short inline, long via buffer index and offset.
        MemorySegment views = ptr(cols, 32, nrows * 16);
        MemorySegment svalid = ptr(cols, 32 + 8, (nrows + 7) / 8);
        long nbuffers = cols.get(I64, 32 + 24);
        assertEquals(1, nbuffers);
        MemorySegment buffers = ptr(cols, 32 + 16, nbuffers * 8);
        for (long r = 0; r < nrows; r++) {
          long row = base + r;
          boolean isValid = (svalid.get(ValueLayout.JAVA_BYTE, r / 8) & (1 << (r % 8))) != 0;
          String expected = row % 2 == 0 ? "ab" + (row % 10) : row % 5 == 0 ? null : longString + row;
          assertEquals(expected != null, isValid);
          if (expected == null) continue;
          byte[] want = expected.getBytes(StandardCharsets.UTF_8);
          MemorySegment v = views.asSlice(r * 16, 16);
          assertEquals(want.length, v.get(I32, 0));
          if (want.length <= 12) {
            byte[] inline = new byte[12];
            MemorySegment.copy(v, ValueLayout.JAVA_BYTE, 4, inline, 0, 12);
            byte[] padded = new byte[12];
            System.arraycopy(want, 0, padded, 0, want.length);
            assertArrayEquals(padded, inline, "inline bytes are zero padded");
          } else {
            byte[] prefix = new byte[4];
            MemorySegment.copy(v, ValueLayout.JAVA_BYTE, 4, prefix, 0, 4);
            assertArrayEquals(new byte[] {want[0], want[1], want[2], want[3]}, prefix);
            int bufferIndex = v.get(I32, 8);
            int offset = v.get(I32, 12);
            MemorySegment data = buffers.getAtIndex(ValueLayout.ADDRESS, bufferIndex).reinterpret(offset + want.length);
            byte[] got = new byte[want.length];
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, got, 0, want.length);
            assertArrayEquals(want, got);
          }
        }

        // DECIMAL(30,2): int128 little endian (low, high); NOT NULL without NULLs: no bitmap.
        MemorySegment wide = ptr(cols, 64, nrows * 16);
        assertEquals(0, cols.get(ValueLayout.ADDRESS, 64 + 8).address());
        for (long r = 0; r < nrows; r += 997) {
          assertEquals(-(base + r), wide.get(I64, r * 16));
          assertEquals(-1L, wide.get(I64, r * 16 + 8));
        }

        // BOOLEAN: one byte 0/1 per value.
        MemorySegment bools = ptr(cols, 96, nrows);
        for (long r = 0; r < nrows; r++)
          assertEquals((base + r) % 4 == 0 ? 1 : 0, bools.get(ValueLayout.JAVA_BYTE, r));
        base += nrows;
      }
    }
  }

  @Test
  void emptyTableView() {
    Table t = Table.empty(new Schema(List.of(new ColumnDef("a", SqlType.DATE, true))));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment view = t.nativeView(arena);
      assertEquals(1, view.get(I64, 0));
      assertEquals(0, view.get(I64, 8));
      assertNotEquals(0, view.get(ValueLayout.ADDRESS, 16).address());
    }
  }
}
