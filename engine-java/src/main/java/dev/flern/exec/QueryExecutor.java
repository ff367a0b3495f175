package dev.flern.exec;

import dev.flern.codegen.GeneratedQuery;
import dev.flern.compile.CompileService;
import dev.flern.compile.CompiledLibrary;
import dev.flern.compile.NativeRuntime;
import dev.flern.storage.NativeColumn;
import dev.flern.storage.ResultColumns;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import dev.flern.storage.TableBuilder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a generated query: compiles it (or finds it in the cache), hands the compiled program the
 * tables' native views and the params, runs it on the database's worker pool, and copies the
 * result into a table.
 */
final class QueryExecutor {
  record Execution(Table table, long compileNanos, long runNanos, boolean cacheHit) {}

  private QueryExecutor() {}

  static CompiledLibrary compile(GeneratedQuery q) {
    return CompileService.get().compile(q.source());
  }

  static Execution run(GeneratedQuery q, List<Table> tables, Schema resultSchema, MemorySegment pool, long memoryLimit) {
    NativeRuntime rt = NativeRuntime.get();
    CompiledLibrary lib = compile(q);
    long start = System.nanoTime();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ctx = rt.ctxNew(pool, memoryLimit);
      try {
        List<MemorySegment> views = new ArrayList<>();
        for (Table t : tables) views.add(t.nativeView(arena));
        rt.ctxSetTables(ctx, views, arena);
        int[] codes = q.output().stream().mapToInt(f -> NativeRuntime.resultCode(f.type())).toArray();
        rt.ctxSetResultSchema(ctx, codes, arena);
        rt.runQuery(lib.entry(), ctx, ParamWriter.write(q.params(), arena));
        long rows = rt.resultRows(ctx);
        List<NativeColumn> cols = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
          NativeRuntime.ResultColumn c = rt.resultColumn(ctx, i, codes[i], rows);
          cols.add(new NativeColumn(c.values(), c.validity(), c.heap()));
        }
        TableBuilder b = new TableBuilder(resultSchema);
        b.appendNative(new ResultColumns(rows, cols));
        Table result = b.build();
        return new Execution(result, lib.compileNanos(), System.nanoTime() - start, lib.cacheHit());
      } finally {
        rt.ctxFree(ctx);
        // The native program read the tables through raw addresses: keep them reachable until here.
        Reference.reachabilityFence(tables);
      }
    }
  }
}
