package dev.flern.compile;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Panama binding against the real libflern_rt, and generated code running on it. */
class NativeRuntimeTest {
  private static NativeRuntime rt;
  private static MemorySegment pool;

  @BeforeAll
  static void start() {
    rt = NativeRuntime.get();
    pool = rt.poolNew(2);
  }

  @AfterAll
  static void stop() {
    rt.poolFree(pool);
  }

  @Test
  void selftestPasses() {
    assertEquals(0, rt.selftest());
    assertSame(rt, NativeRuntime.get());
  }

  @Test
  void poolReportsItsThreads() {
    MemorySegment p = rt.poolNew(3);
    try {
      assertEquals(3, rt.poolThreads(p));
    } finally {
      rt.poolFree(p);
    }
    assertThrows(FlernException.class, () -> rt.poolNew(0));
  }

  @Test
  void freshContextHasNoError() {
    MemorySegment ctx = rt.ctxNew(pool, 0);
    try {
      assertEquals("", rt.ctxError(ctx));
    } finally {
      rt.ctxFree(ctx);
    }
  }

  @Test
  void queryWritesAResultJavaCanRead() {
    CompiledLibrary lib = CompileService.get().compile("""
        extern "C" int32_t flern_query_main(flern_ctx* ctx, const void* params) {
          return flern::guard(ctx, [&] {
            const int64_t n = *static_cast<const int64_t*>(params);
            flern::ResultWriter& o = ctx->out(0);
            for (int64_t i = 0; i < n; ++i) {
              o.put_i32(0, static_cast<int32_t>(i));
              if (i % 2 == 1) o.put_null(1); else o.put_i64(1, i * 1000);
              o.put_str(2, i == 0 ? flern::Str{"short", 5} : flern::Str{"a string longer than twelve", 27});
              o.end_row();
            }
          });
        }
        """);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ctx = rt.ctxNew(pool, 0);
      try {
        rt.ctxSetResultSchema(ctx, new int[] {2, 3, 6}, arena);
        MemorySegment params = arena.allocateFrom(JAVA_LONG, 3L);
        rt.runQuery(lib.entry(), ctx, params);
        assertEquals(3, rt.resultRows(ctx));

        NativeRuntime.ResultColumn ints = rt.resultColumn(ctx, 0, 2, 3);
        assertEquals(12, ints.values().byteSize());
        assertEquals(List.of(0, 1, 2), List.of(ints.values().getAtIndex(JAVA_INT, 0),
            ints.values().getAtIndex(JAVA_INT, 1), ints.values().getAtIndex(JAVA_INT, 2)));
        assertEquals(MemorySegment.NULL, ints.validity());

        NativeRuntime.ResultColumn longs = rt.resultColumn(ctx, 1, 3, 3);
        assertEquals(1, longs.validity().byteSize());
        byte bits = longs.validity().get(JAVA_BYTE, 0);
        assertEquals(0b101, bits & 0b111, "row 1 is NULL");
        assertEquals(0L, longs.values().getAtIndex(JAVA_LONG, 0));
        assertEquals(2000L, longs.values().getAtIndex(JAVA_LONG, 2));

        NativeRuntime.ResultColumn strs = rt.resultColumn(ctx, 2, 6, 3);
        assertEquals(48, strs.values().byteSize());
        assertEquals("short", view(strs, 0));
        assertEquals("a string longer than twelve", view(strs, 1));
        assertEquals("a string longer than twelve", view(strs, 2));
        assertTrue(strs.heap().byteSize() >= 27);
      } finally {
        rt.ctxFree(ctx);
      }
    }
  }

  /** Decodes a Utf8View (CONTRACTS §1) against the column's single heap. */
  private static String view(NativeRuntime.ResultColumn c, int row) {
    MemorySegment v = c.values().asSlice(16L * row, 16);
    int len = v.get(JAVA_INT, 0);
    byte[] bytes = new byte[len];
    if (len <= 12) {
      MemorySegment.copy(v, JAVA_BYTE, 4, bytes, 0, len);
    } else {
      assertEquals(0, v.get(JAVA_INT, 8), "buffer index");
      MemorySegment.copy(c.heap(), JAVA_BYTE, v.get(JAVA_INT, 12), bytes, 0, len);
      assertEquals(new String(bytes, 0, 4, StandardCharsets.UTF_8),
          new String(new byte[] {v.get(JAVA_BYTE, 4), v.get(JAVA_BYTE, 5), v.get(JAVA_BYTE, 6), v.get(JAVA_BYTE, 7)},
              StandardCharsets.UTF_8), "prefix");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void failingQueryReportsItsMessage() {
    CompiledLibrary lib = CompileService.get().compile("""
        extern "C" int32_t flern_query_main(flern_ctx* ctx, const void*) {
          return flern::guard(ctx, [&] { ctx->fail("integer out of range"); });
        }
        """);
    MemorySegment ctx = rt.ctxNew(pool, 0);
    try {
      FlernException e = assertThrows(FlernException.class, () -> rt.runQuery(lib.entry(), ctx, MemorySegment.NULL));
      assertEquals("integer out of range", e.getMessage());
      assertEquals("integer out of range", rt.ctxError(ctx));
      assertFalse(rt.queryMain(lib.entry(), ctx, MemorySegment.NULL) == 0);
    } finally {
      rt.ctxFree(ctx);
    }
  }

  @Test
  void tablesReachTheQueryAndRunOnThePool() {
    // sum of an int64 column of two row groups, morsel-parallel with one partial sum per worker
    CompiledLibrary lib = CompileService.get().compile("""
        extern "C" int32_t flern_query_main(flern_ctx* ctx, const void*) {
          return flern::guard(ctx, [&] {
            const flern::TableView* t = ctx->table(0);
            flern::PerWorker<int64_t> sums(ctx);
            ctx->run_morsels(t, [&](const flern::Morsel& m, int w) {
              const int64_t* v = flern::col<int64_t>(t, m.row_group, 0);
              for (int64_t r = m.begin; r < m.end; ++r) sums[w] += v[r];
            });
            int64_t total = 0;
            for (int w = 0; w < sums.size(); ++w) total += sums[w];
            ctx->out(0).put_i64(0, total);
            ctx->out(0).end_row();
          });
        }
        """);
    try (Arena arena = Arena.ofConfined()) {
      int[] groupRows = {10_000, 25_000};
      MemorySegment groups = arena.allocate(16L * groupRows.length, 8);
      long expected = 0;
      long next = 1;
      for (int g = 0; g < groupRows.length; g++) {
        MemorySegment values = arena.allocate(8L * groupRows[g], 8);
        for (int i = 0; i < groupRows[g]; i++, next++) {
          values.setAtIndex(JAVA_LONG, i, next);
          expected += next;
        }
        MemorySegment chunk = arena.allocate(32, 8); // values, validity, buffers, nbuffers
        chunk.set(ADDRESS, 0, values);
        chunk.set(ADDRESS, 8, MemorySegment.NULL);
        chunk.set(ADDRESS, 16, MemorySegment.NULL);
        chunk.set(JAVA_LONG, 24, 0);
        groups.set(JAVA_LONG, 16L * g, groupRows[g]);
        groups.set(ADDRESS, 16L * g + 8, chunk);
      }
      MemorySegment view = arena.allocate(24, 8);
      view.set(JAVA_LONG, 0, 1);
      view.set(JAVA_LONG, 8, groupRows.length);
      view.set(ADDRESS, 16, groups);

      MemorySegment ctx = rt.ctxNew(pool, 0);
      try {
        rt.ctxSetTables(ctx, List.of(view), arena);
        rt.ctxSetResultSchema(ctx, new int[] {3}, arena);
        rt.runQuery(lib.entry(), ctx, MemorySegment.NULL);
        assertEquals(1, rt.resultRows(ctx));
        assertEquals(expected, rt.resultColumn(ctx, 0, 3, 1).values().get(JAVA_LONG, 0));
      } finally {
        rt.ctxFree(ctx);
      }
    }
  }

  @Test
  void valueWidthsFollowTheContract() {
    assertEquals(List.of(1L, 4L, 8L, 8L, 16L, 16L), List.of(NativeRuntime.valueWidth(1), NativeRuntime.valueWidth(2),
        NativeRuntime.valueWidth(3), NativeRuntime.valueWidth(4), NativeRuntime.valueWidth(5), NativeRuntime.valueWidth(6)));
    assertThrows(FlernException.class, () -> NativeRuntime.valueWidth(7));
  }
}
