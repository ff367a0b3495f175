package dev.flern.compile;

import dev.flern.FlernException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated library, loaded. Libraries stay loaded for the life of the process (global arena): a
 * query shape compiled once is reused by every later query of that shape, and unloading code that a
 * worker thread might still be running is not worth the risk.
 *
 * @param key          SHA-256 (hex) of source, compiler identity, flags and runtime digest
 * @param path         {@code <cache>/<key>.so}
 * @param entry        the address of {@code int32_t flern_query_main(flern_ctx*, const void*)}
 * @param cacheHit     true when this call did not run the compiler
 * @param compileNanos time spent compiling for this call (0 on a hit)
 */
public record CompiledLibrary(String key, Path path, MemorySegment entry, boolean cacheHit, long compileNanos) {
  static final String ENTRY_SYMBOL = "flern_query_main";

  /** (ctx, params) → status; bound to an entry address at each call. */
  private static final MethodHandle QUERY_MAIN = Linker.nativeLinker().downcallHandle(
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

  /** dlopen once per file per process: path → entry address. */
  private static final ConcurrentHashMap<Path, MemorySegment> LOADED = new ConcurrentHashMap<>();

  /** The same library, as seen by a later call that did not compile it. */
  CompiledLibrary asHit() {
    return cacheHit ? this : new CompiledLibrary(key, path, entry, true, 0);
  }

  /**
   * Calls {@code flern_query_main(ctx, params)} and returns its status (0 = ok; otherwise the message
   * is in {@code flern_ctx_error(ctx)}).
   */
  public int invoke(MemorySegment ctx, MemorySegment params) {
    return invokeEntry(entry, ctx, params);
  }

  static int invokeEntry(MemorySegment entry, MemorySegment ctx, MemorySegment params) {
    try {
      return (int) QUERY_MAIN.invokeExact(entry, ctx, params);
    } catch (Throwable t) {
      throw new FlernException("calling the generated query code failed: " + t, t);
    }
  }

  /** Loads {@code path} (once per process) and finds its entry point. */
  static MemorySegment load(Path path) {
    return LOADED.computeIfAbsent(path, p -> {
      SymbolLookup lookup;
      try {
        lookup = SymbolLookup.libraryLookup(p, Arena.global());
      } catch (IllegalArgumentException e) {
        throw new FlernException("cannot load the compiled query library " + p + ": " + e.getMessage(), e);
      }
      return lookup.find(ENTRY_SYMBOL).orElseThrow(() -> new FlernException(
          "the compiled library " + p + " has no " + ENTRY_SYMBOL + " function (a code generator bug)"));
    });
  }
}
