package dev.flern.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileServiceTest {
  @TempDir Path tmp;

  private static String query(int value) {
    return """
        extern "C" int32_t flern_query_main(void* ctx, const void* params) {
          (void) ctx; (void) params;
          return flern::answer() - 42 + %d;
        }
        """.formatted(value);
  }

  private static int run(CompiledLibrary lib) {
    return lib.invoke(MemorySegment.NULL, MemorySegment.NULL);
  }

  @Test
  void sameSourceCompilesOnce() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    CompileService service = FakeRuntime.service(cache, List.of());
    CompiledLibrary first = service.compile(FakeRuntime.QUERY_42);
    assertFalse(first.cacheHit());
    assertTrue(first.compileNanos() > 0);
    assertEquals(cache.path().resolve(first.key() + ".so"), first.path());
    assertTrue(Files.isRegularFile(first.path()));
    assertEquals(FakeRuntime.QUERY_42, Files.readString(cache.path().resolve(first.key() + ".cpp")), "source kept");
    assertEquals(42, run(first));

    CompiledLibrary second = service.compile(FakeRuntime.QUERY_42);
    assertTrue(second.cacheHit());
    assertEquals(0, second.compileNanos());
    assertEquals(first.path(), second.path());
    assertEquals(first.entry(), second.entry());

    // A new service (as a new process would have) finds it on disk.
    CompiledLibrary third = FakeRuntime.service(cache, List.of()).compile(FakeRuntime.QUERY_42);
    assertTrue(third.cacheHit());
    assertEquals(first.path(), third.path());
    assertEquals(42, run(third));
    assertEquals(List.of(), tempFiles(cache.path()));
  }

  @Test
  void differentSourceCompilesSeparately() throws Exception {
    CompileService service = FakeRuntime.service(CacheDirectory.open(tmp.resolve("cache")), List.of());
    CompiledLibrary a = service.compile(query(7));
    CompiledLibrary b = service.compile(query(8));
    assertFalse(b.cacheHit());
    assertNotEquals(a.key(), b.key());
    assertNotEquals(a.path(), b.path());
    assertEquals(7, run(a));
    assertEquals(8, run(b));
  }

  @Test
  void extraFlagsArePartOfTheKey() {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    CompileService plain = FakeRuntime.service(cache, List.of());
    CompileService defined = FakeRuntime.service(cache, List.of("-DFLERN_TEST_FLAG=5"));
    assertNotEquals(plain.key(FakeRuntime.QUERY_42), defined.key(FakeRuntime.QUERY_42));
    String usesFlag = """
        extern "C" int32_t flern_query_main(void*, const void*) { return FLERN_TEST_FLAG; }
        """;
    assertEquals(5, run(defined.compile(usesFlag)));
  }

  @Test
  void threadsCompilingTheSameSourceCompileOnce() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    CompileService service = FakeRuntime.service(cache, List.of());
    int n = 4;
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<CompiledLibrary>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) results.add(pool.submit(() -> {
        start.await();
        return service.compile(query(11));
      }));
      int compiled = 0;
      for (Future<CompiledLibrary> f : results) {
        CompiledLibrary lib = f.get();
        if (!lib.cacheHit()) compiled++;
        assertEquals(11, run(lib));
        assertEquals(results.get(0).get().path(), lib.path());
      }
      assertEquals(1, compiled);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void syntaxErrorIsAFlernExceptionWithTheCompilerMessage() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    CompileService service = FakeRuntime.service(cache, List.of());
    String bad = "extern \"C\" int32_t flern_query_main(void*, const void*) { return undeclared_thing; }\n";
    FlernException e = assertThrows(FlernException.class, () -> service.compile(bad));
    String key = service.key(bad);
    assertTrue(e.getMessage().startsWith("compiling generated C++ failed"), e.getMessage());
    assertTrue(e.getMessage().contains("undeclared_thing"), e.getMessage());
    assertTrue(e.getMessage().contains("error"), e.getMessage());
    Path kept = cache.path().resolve(key + ".cpp");
    assertTrue(e.getMessage().contains("the source is kept at " + kept), e.getMessage());
    assertEquals(bad, Files.readString(kept));
    assertFalse(Files.exists(cache.path().resolve(key + ".so")));
    assertEquals(List.of(), tempFiles(cache.path()));
    // Not remembered as a success: asking again fails again, with the same message.
    assertEquals(e.getMessage(), assertThrows(FlernException.class, () -> service.compile(bad)).getMessage());
  }

  @Test
  void missingSymbolIsACompileErrorNotACrash() {
    CompileService service = FakeRuntime.service(CacheDirectory.open(tmp.resolve("cache")), List.of());
    String source = """
        extern "C" int32_t flern_no_such_function(void);
        extern "C" int32_t flern_query_main(void*, const void*) { return flern_no_such_function(); }
        """;
    FlernException e = assertThrows(FlernException.class, () -> service.compile(source));
    assertTrue(e.getMessage().contains("flern_no_such_function"), e.getMessage());
  }

  @Test
  void plantedLibrariesAreNeverLoaded() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    CompileService service = FakeRuntime.service(cache, List.of());
    // A working library that returns 666, planted under names the service does not compute for our
    // source: a wrong name, a link under the right name, a group-writable file under the right name.
    CompiledLibrary evil = FakeRuntime.service(CacheDirectory.open(tmp.resolve("elsewhere")), List.of()).compile(query(666));
    String key = service.key(query(5));
    Path wrongName = cache.path().resolve("0".repeat(64) + ".so");
    Files.copy(evil.path(), wrongName);
    Path rightName = cache.path().resolve(key + ".so");
    Files.createSymbolicLink(rightName, wrongName);

    CompiledLibrary lib = service.compile(query(5));
    assertEquals(rightName, lib.path());
    assertFalse(lib.cacheHit(), "a link is not a cached library");
    assertFalse(Files.isSymbolicLink(lib.path()));
    assertEquals(5, run(lib));
    assertFalse(mappedLibraries().contains(wrongName.toString()), "the planted file was never loaded");

    String key2 = service.key(query(6));
    Path writable = cache.path().resolve(key2 + ".so");
    Files.copy(evil.path(), writable);
    Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
    CompiledLibrary lib2 = service.compile(query(6));
    assertFalse(lib2.cacheHit(), "a file others could write is not a cached library");
    assertEquals(6, run(lib2));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lib2.path(), LinkOption.NOFOLLOW_LINKS)));
  }

  @Test
  void precompiledHeaderIsBuiltOnceAndShared() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    CompileService service = FakeRuntime.service(cache, List.of());
    service.compile(query(1));
    NativeBundle bundle = NativeBundle.unpack(cache, FakeRuntime.directoryLoader());
    List<String> pch = FileOpsTestSupport.names(bundle.root()).stream().filter(n -> n.startsWith("pch-")).toList();
    assertEquals(1, pch.size(), "one precompiled header directory: " + FileOpsTestSupport.names(bundle.root()));
    Path pchFile = switch (service.compiler().family()) {
      case GCC -> bundle.root().resolve(pch.get(0)).resolve("flern/runtime.hpp.gch");
      case CLANG -> bundle.root().resolve(pch.get(0)).resolve("runtime.hpp.pch");
    };
    assertTrue(Files.size(pchFile) > 0);
    // A second service with the same compiler and flags reuses it.
    FakeRuntime.service(cache, List.of()).compile(query(2));
    assertEquals(pch, FileOpsTestSupport.names(bundle.root()).stream().filter(n -> n.startsWith("pch-")).toList());
    assertFalse(FileOpsTestSupport.names(bundle.root()).stream().anyMatch(n -> n.startsWith("tmp-")));
  }

  @Test
  void staleTemporariesAreSweptAndFreshOnesKept() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("cache"));
    Path old = Files.writeString(dir.resolve("tmp-123.so"), "x");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    Path oldDir = Files.createDirectories(dir.resolve("tmp-pch-1/flern"));
    Files.setLastModifiedTime(oldDir.getParent(), java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    Path fresh = Files.writeString(dir.resolve("tmp-456.so"), "x");
    Path published = Files.writeString(dir.resolve("0".repeat(64) + ".so"), "x");
    Files.setLastModifiedTime(published, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    CompileService.sweepStaleTemporaries(dir, CompileService.STALE_AFTER);
    assertEquals(List.of(published.getFileName().toString(), fresh.getFileName().toString()), FileOpsTestSupport.names(dir));
  }

  static List<String> tempFiles(Path dir) throws Exception {
    return FileOpsTestSupport.names(dir).stream().filter(n -> n.startsWith("tmp-")).toList();
  }

  private static String mappedLibraries() throws Exception {
    return Files.readString(Path.of("/proc/self/maps"));
  }

  @Test
  void identicalServicesAgreeOnKeys() {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    assertEquals(FakeRuntime.service(cache, List.of()).key("x"), FakeRuntime.service(cache, List.of()).key("x"));
    assertSame(cache, FakeRuntime.service(cache, List.of()).cache());
  }
}
