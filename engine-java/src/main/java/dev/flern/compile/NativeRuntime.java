package dev.flern.compile;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.flern.FlernException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * libflern_rt, loaded through Panama, with a typed wrapper for every function of its C ABI
 * (docs/CONTRACTS.md §3). One per process: the library is loaded once and stays loaded, and compiled
 * query libraries link against the very same file (their rpath points at {@link #bundle()}'s lib
 * directory), so Java and generated code share one runtime instance.
 *
 * <p>Every wrapper turns a native failure (a NULL handle, a non-zero status) into a
 * {@link FlernException} with a message.
 */
public final class NativeRuntime {
  private static volatile NativeRuntime instance;

  private final CacheDirectory cache;
  private final NativeBundle bundle;
  private final MethodHandle poolNew, poolFree, poolThreads, ctxNew, ctxFree, ctxSetTables,
      ctxSetResultSchema, ctxError, resultRows, resultColumn, selftest;

  private NativeRuntime(CacheDirectory cache, NativeBundle bundle) {
    this.cache = cache;
    this.bundle = bundle;
    SymbolLookup lib;
    try {
      lib = SymbolLookup.libraryLookup(bundle.library(), Arena.global());
    } catch (IllegalArgumentException e) {
      throw new FlernException("cannot load the Flern native runtime " + bundle.library() + ": " + e.getMessage(), e);
    }
    Linker linker = Linker.nativeLinker();
    record Binder(SymbolLookup lib, Linker linker) {
      MethodHandle bind(String name, FunctionDescriptor fd) {
        MemorySegment fn = lib.find(name).orElseThrow(() -> new FlernException(
            "the Flern native runtime has no function " + name + " (engine and runtime versions differ?)"));
        return linker.downcallHandle(fn, fd);
      }
    }
    Binder b = new Binder(lib, linker);
    poolNew = b.bind("flern_pool_new", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    poolFree = b.bind("flern_pool_free", FunctionDescriptor.ofVoid(ADDRESS));
    poolThreads = b.bind("flern_pool_threads", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    ctxNew = b.bind("flern_ctx_new", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
    ctxFree = b.bind("flern_ctx_free", FunctionDescriptor.ofVoid(ADDRESS));
    ctxSetTables = b.bind("flern_ctx_set_tables", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
    ctxSetResultSchema = b.bind("flern_ctx_set_result_schema", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
    ctxError = b.bind("flern_ctx_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
    resultRows = b.bind("flern_result_rows", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultColumn = b.bind("flern_result_column",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    selftest = b.bind("flern_selftest", FunctionDescriptor.of(JAVA_INT));
  }

  /** The runtime of this process, unpacked into the configured cache directory and loaded on first use. */
  public static NativeRuntime get() {
    NativeRuntime rt = instance;
    if (rt != null) return rt;
    synchronized (NativeRuntime.class) {
      if (instance == null) {
        CacheDirectory cache = CacheDirectory.resolve();
        instance = new NativeRuntime(cache, NativeBundle.unpack(cache));
      }
      return instance;
    }
  }

  public CacheDirectory cache() {
    return cache;
  }

  public NativeBundle bundle() {
    return bundle;
  }

  // ---- pool ----

  /** A fixed pool of {@code threads} ≥ 1 workers; free it with {@link #poolFree}. */
  public MemorySegment poolNew(int threads) {
    if (threads < 1) throw new FlernException("the number of threads must be at least 1, got " + threads);
    MemorySegment pool;
    try {
      pool = (MemorySegment) poolNew.invokeExact(threads);
    } catch (Throwable t) {
      throw failed("flern_pool_new", t);
    }
    if (pool.equals(MemorySegment.NULL))
      throw new FlernException("the native runtime could not start a pool of " + threads + " threads");
    return pool;
  }

  public void poolFree(MemorySegment pool) {
    try {
      poolFree.invokeExact(pool);
    } catch (Throwable t) {
      throw failed("flern_pool_free", t);
    }
  }

  public int poolThreads(MemorySegment pool) {
    try {
      return (int) poolThreads.invokeExact(pool);
    } catch (Throwable t) {
      throw failed("flern_pool_threads", t);
    }
  }

  // ---- query context ----

  /** A context for one query execution on {@code pool}; free it with {@link #ctxFree}. */
  public MemorySegment ctxNew(MemorySegment pool, long memoryLimitBytes) {
    MemorySegment ctx;
    try {
      ctx = (MemorySegment) ctxNew.invokeExact(pool, memoryLimitBytes);
    } catch (Throwable t) {
      throw failed("flern_ctx_new", t);
    }
    if (ctx.equals(MemorySegment.NULL)) throw new FlernException("the native runtime could not create a query context");
    return ctx;
  }

  public void ctxFree(MemorySegment ctx) {
    try {
      ctxFree.invokeExact(ctx);
    } catch (Throwable t) {
      throw failed("flern_ctx_free", t);
    }
  }

  /**
   * Hands the query its input tables ({@code flern_table_view*} each). The pointer array is allocated
   * in {@code arena}, which must live until the context is freed.
   */
  public void ctxSetTables(MemorySegment ctx, List<MemorySegment> tableViews, Arena arena) {
    MemorySegment array = tableViews.isEmpty() ? MemorySegment.NULL : arena.allocate(ADDRESS, tableViews.size());
    for (int i = 0; i < tableViews.size(); i++) array.setAtIndex(ADDRESS, i, tableViews.get(i));
    try {
      ctxSetTables.invokeExact(ctx, tableViews.size(), array);
    } catch (Throwable t) {
      throw failed("flern_ctx_set_tables", t);
    }
  }

  /**
   * Declares the result columns' type codes (docs/CONTRACTS.md §1). The array is allocated in
   * {@code arena}, which must live until the context is freed.
   */
  public void ctxSetResultSchema(MemorySegment ctx, int[] typeCodes, Arena arena) {
    MemorySegment codes = typeCodes.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_INT, typeCodes);
    try {
      ctxSetResultSchema.invokeExact(ctx, typeCodes.length, codes);
    } catch (Throwable t) {
      throw failed("flern_ctx_set_result_schema", t);
    }
  }

  /** The context's error message, "" when there is none. */
  public String ctxError(MemorySegment ctx) {
    MemorySegment msg;
    try {
      msg = (MemorySegment) ctxError.invokeExact(ctx);
    } catch (Throwable t) {
      throw failed("flern_ctx_error", t);
    }
    return msg.equals(MemorySegment.NULL) ? "" : msg.reinterpret(Long.MAX_VALUE).getString(0);
  }

  // ---- running generated code ----

  /** Calls a generated library's {@code flern_query_main(ctx, params)}; returns its status (0 = ok). */
  public int queryMain(MemorySegment entry, MemorySegment ctx, MemorySegment params) {
    return CompiledLibrary.invokeEntry(entry, ctx, params);
  }

  /** Runs the query; a non-zero status becomes a FlernException carrying {@code flern_ctx_error}. */
  public void runQuery(MemorySegment entry, MemorySegment ctx, MemorySegment params) {
    int status = queryMain(entry, ctx, params);
    if (status != 0) {
      String msg = ctxError(ctx);
      throw new FlernException(msg.isEmpty() ? "the query failed with status " + status + " and no message" : msg);
    }
  }

  // ---- results ----

  /** The number of result rows; assembling the result may fail (say, out of memory): a FlernException. */
  public long resultRows(MemorySegment ctx) {
    long rows;
    try {
      rows = (long) resultRows.invokeExact(ctx);
    } catch (Throwable t) {
      throw failed("flern_result_rows", t);
    }
    if (rows < 0) {
      String msg = ctxError(ctx);
      throw new FlernException(msg.isEmpty() ? "the native runtime could not assemble the query result" : msg);
    }
    return rows;
  }

  /**
   * One result column, with every segment sized to what it holds (valid until the context is freed).
   *
   * @param values   {@code rows} values of the physical type (16-byte views for VARCHAR)
   * @param validity {@code ceil(rows/8)} bytes of bitmap, or {@link MemorySegment#NULL} when no NULLs
   * @param heap     VARCHAR: the data buffer long views point into; else {@link MemorySegment#NULL}
   */
  public record ResultColumn(MemorySegment values, MemorySegment validity, MemorySegment heap) {}

  /**
   * Column {@code col} of the result, whose type code (docs/CONTRACTS.md §1) is {@code typeCode} and
   * row count {@code rows} (from {@link #resultRows}).
   */
  public ResultColumn resultColumn(MemorySegment ctx, int col, int typeCode, long rows) {
    long width = valueWidth(typeCode);
    try (Arena out = Arena.ofConfined()) {
      MemorySegment values = out.allocate(ADDRESS);
      MemorySegment validity = out.allocate(ADDRESS);
      MemorySegment heap = out.allocate(ADDRESS);
      MemorySegment heapLen = out.allocate(JAVA_LONG);
      int status;
      try {
        status = (int) resultColumn.invokeExact(ctx, col, values, validity, heap, heapLen);
      } catch (Throwable t) {
        throw failed("flern_result_column", t);
      }
      if (status != 0) {
        String msg = ctxError(ctx);
        throw new FlernException("cannot read result column " + col + (msg.isEmpty() ? "" : ": " + msg));
      }
      MemorySegment v = values.get(ADDRESS, 0);
      MemorySegment bm = validity.get(ADDRESS, 0);
      MemorySegment h = heap.get(ADDRESS, 0);
      long hlen = heapLen.get(JAVA_LONG, 0);
      return new ResultColumn(
          sized(v, rows * width),
          bm.equals(MemorySegment.NULL) ? MemorySegment.NULL : bm.reinterpret((rows + 7) / 8),
          h.equals(MemorySegment.NULL) || typeCode != 6 ? MemorySegment.NULL : h.reinterpret(hlen));
    }
  }

  private static MemorySegment sized(MemorySegment p, long bytes) {
    if (p.equals(MemorySegment.NULL)) {
      if (bytes == 0) return MemorySegment.NULL;
      throw new FlernException("the native runtime returned no values for a non-empty result column");
    }
    return p.reinterpret(bytes);
  }

  /**
   * The code of a result column for {@code flern_ctx_set_result_schema}: the type code, and for
   * FLOAT[n] (code 7) the length in bits 8 and up, as the writer needs the width.
   */
  public static int resultCode(dev.flern.SqlType t) {
    return t.kind() == dev.flern.SqlType.Kind.FLOAT_ARRAY ? t.typeCode() | t.length() << 8 : t.typeCode();
  }

  /** Bytes per value for a result code ({@link #resultCode}; a type code of docs/CONTRACTS.md §1). */
  public static long valueWidth(int typeCode) {
    if ((typeCode & 0xFF) == 7 && typeCode >>> 8 >= 1) return 4L * (typeCode >>> 8); // FLOAT[n]
    return switch (typeCode) {
      case 1 -> 1; // BOOLEAN, one byte
      case 2 -> 4; // INTEGER, DATE
      case 3, 4 -> 8; // BIGINT, DECIMAL(≤18), DOUBLE
      case 5, 6 -> 16; // DECIMAL(>18) int128, VARCHAR view
      default -> throw new FlernException("unknown native type code " + typeCode);
    };
  }

  // ---- smoke test ----

  /** {@code flern_selftest()}: 0 when the runtime works. */
  public int selftest() {
    try {
      return (int) selftest.invokeExact();
    } catch (Throwable t) {
      throw failed("flern_selftest", t);
    }
  }

  private static FlernException failed(String function, Throwable t) {
    if (t instanceof FlernException fe) return fe;
    return new FlernException("calling the native runtime's " + function + " failed: " + t, t);
  }
}
