package dev.flern.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** appendNative from buffers laid out as the native runtime's result writer lays them out. */
class AppendNativeTest {
  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;

  /** A result column handed over as native code does: bare addresses (zero-length segments). */
  private static MemorySegment bare(MemorySegment s) {
    return MemorySegment.ofAddress(s.address());
  }

  @Test
  void copiesEveryTypeAcrossRowGroups() {
    Schema s = new Schema(List.of(
        new ColumnDef("l", SqlType.BIGINT, true),
        new ColumnDef("s", SqlType.VARCHAR, true),
        new ColumnDef("d", SqlType.DATE, false),
        new ColumnDef("m", SqlType.decimal(12, 3), true),
        new ColumnDef("f", SqlType.DOUBLE, false)));
    int n = RowGroup.CAPACITY + 1000;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment longs = arena.allocate(8L * n);
      MemorySegment longsValid = arena.allocate((n + 7) / 8);
      MemorySegment views = arena.allocate(16L * n);
      MemorySegment viewsValid = arena.allocate((n + 7) / 8);
      MemorySegment heap = arena.allocate(64L * n);
      MemorySegment dates = arena.allocate(4L * n);
      MemorySegment decs = arena.allocate(8L * n);
      MemorySegment doubles = arena.allocate(8L * n);
      long heapUsed = 0;
      for (int r = 0; r < n; r++) {
        longs.setAtIndex(I64, r, r * 3L);
        if (r % 10 != 0) setBit(longsValid, r);
        // Garbage in a NULL's view must not be followed.
        if (r % 9 == 0) {
          views.set(I32, 16L * r, 1 << 30);
          views.set(I32, 16L * r + 12, 1 << 30);
        } else {
          setBit(viewsValid, r);
          byte[] str = (r % 2 == 0 ? "s" + r : "a long string for row " + r).getBytes(StandardCharsets.UTF_8);
          views.set(I32, 16L * r, str.length);
          if (str.length <= 12) {
            MemorySegment.copy(str, 0, views, ValueLayout.JAVA_BYTE, 16L * r + 4, str.length);
          } else {
            MemorySegment.copy(str, 0, views, ValueLayout.JAVA_BYTE, 16L * r + 4, 4);
            views.set(I32, 16L * r + 8, 0);
            views.set(I32, 16L * r + 12, (int) heapUsed);
            MemorySegment.copy(str, 0, heap, ValueLayout.JAVA_BYTE, heapUsed, str.length);
            heapUsed += str.length;
          }
        }
        dates.setAtIndex(I32, r, r - 500);
        decs.setAtIndex(I64, r, -r * 1001L);
        doubles.setAtIndex(ValueLayout.JAVA_DOUBLE, r, r / 4.0);
      }
      ResultColumns rc = new ResultColumns(n, List.of(
          new NativeColumn(bare(longs), bare(longsValid), MemorySegment.NULL),
          new NativeColumn(bare(views), bare(viewsValid), bare(heap)),
          new NativeColumn(bare(dates), MemorySegment.NULL, MemorySegment.NULL),
          new NativeColumn(bare(decs), MemorySegment.NULL, MemorySegment.NULL),
          new NativeColumn(bare(doubles), MemorySegment.NULL, MemorySegment.NULL)));
      TableBuilder b = new TableBuilder(s);
      b.appendRow(new Object[] {-1L, "first", LocalDate.EPOCH, null, 0.5});
      b.appendNative(rc);
      b.appendNative(new ResultColumns(0, rc.columns()));
      Table t = b.build();
      assertEquals(n + 1, t.rowCount());
      assertEquals(2, t.rowGroups().size());
      assertEquals("first", t.get(0, 1));
      for (int r = 0; r < n; r++) {
        long row = r + 1;
        assertEquals(r % 10 == 0 ? null : r * 3L, t.get(row, 0));
        assertEquals(r % 9 == 0 ? null : r % 2 == 0 ? "s" + r : "a long string for row " + r, t.get(row, 1));
        assertEquals(LocalDate.ofEpochDay(r - 500), t.get(row, 2));
        assertEquals(BigDecimal.valueOf(-r * 1001L, 3), t.get(row, 3));
        assertEquals(r / 4.0, t.get(row, 4));
      }
    }
  }

  @Test
  void nullIntoNotNullColumnFailsBeforeCopyingAnything() {
    Schema s = new Schema(List.of(new ColumnDef("a", SqlType.INTEGER, true), new ColumnDef("k", SqlType.INTEGER, false)));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment v = arena.allocate(4 * 20);
      MemorySegment valid = arena.allocate(3);
      valid.fill((byte) -1);
      valid.set(ValueLayout.JAVA_BYTE, 2, (byte) 0b1111_0111); // byte 2 holds rows 16..23: row 19 is NULL
      TableBuilder b = new TableBuilder(s);
      FlernException e = assertThrows(FlernException.class, () -> b.appendNative(new ResultColumns(20,
          List.of(new NativeColumn(bare(v), MemorySegment.NULL, MemorySegment.NULL),
              new NativeColumn(bare(v), bare(valid), MemorySegment.NULL)))));
      assertTrue(e.getMessage().contains("\"k\"") && e.getMessage().contains("not-null"), e.getMessage());
      assertEquals(0, b.rowCount());
      // Bits past the last row do not count.
      valid.set(ValueLayout.JAVA_BYTE, 2, (byte) 0b0000_1111);
      b.appendNative(new ResultColumns(20, List.of(new NativeColumn(bare(v), MemorySegment.NULL, MemorySegment.NULL),
          new NativeColumn(bare(v), bare(valid), MemorySegment.NULL))));
      assertEquals(20, b.build().rowCount());
    }
  }

  private static void setBit(MemorySegment bitmap, long i) {
    byte old = bitmap.get(ValueLayout.JAVA_BYTE, i / 8);
    bitmap.set(ValueLayout.JAVA_BYTE, i / 8, (byte) (old | (1 << (i % 8))));
  }
}
