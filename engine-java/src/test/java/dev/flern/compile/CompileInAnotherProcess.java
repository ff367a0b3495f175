package dev.flern.compile;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Main class for {@link MultiProcessCompileTest}: compiles one source in a fresh JVM.
 * Args: cache dir, fake runtime class path dir, source file, go-file (waits until it exists, so
 * processes start compiling together). Prints "key cacheHit result".
 */
public final class CompileInAnotherProcess {
  public static void main(String[] args) throws Exception {
    CacheDirectory cache = CacheDirectory.open(Path.of(args[0]));
    ClassLoader runtime = new java.net.URLClassLoader(new java.net.URL[] {Path.of(args[1]).toUri().toURL()}, null);
    String source = Files.readString(Path.of(args[2]));
    Path go = Path.of(args[3]);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(go) && System.nanoTime() < deadline) Thread.sleep(5);
    NativeBundle bundle = NativeBundle.unpack(cache, runtime);
    CompileService service = new CompileService(cache, bundle, CompilerLocator.locate(), List.of());
    CompiledLibrary lib = service.compile(source);
    System.out.println(lib.key() + " " + lib.cacheHit() + " " + lib.invoke(MemorySegment.NULL, MemorySegment.NULL));
  }
}
