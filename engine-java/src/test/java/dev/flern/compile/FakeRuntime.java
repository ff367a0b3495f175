package dev.flern.compile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A stand-in for the real runtime, laid out as the engine jar carries it
 * ({@code flern-native/lib/libflern_rt.so}, {@code flern-native/include/flern/...}), so the bundle and
 * compile tests do not depend on engine-native. Its header includes a second header by a relative
 * path (as the real one does); a query returning 42 proves the header and precompiled header work.
 *
 * <p>Its functions are inline, so generated code never links against the fake library (the service
 * links with --as-needed): the dynamic loader knows a loaded library by its name, libflern_rt.so,
 * and a fake one loaded into the test JVM would otherwise be bound to libraries compiled against
 * the real runtime. Linking and rpath are tested with the real runtime ({@link NativeRuntimeTest}).
 * Built once per test JVM.
 */
final class FakeRuntime {
  static final String QUERY_42 = """
      extern "C" int32_t flern_query_main(void* ctx, const void* params) {
        (void) ctx; (void) params;
        return flern::answer();
      }
      """;

  private static Path resources;

  private FakeRuntime() {}

  /** A classpath directory holding {@code flern-native/...}. */
  static synchronized Path resourcesDir() {
    if (resources != null) return resources;
    try {
      Path dir = Files.createTempDirectory("flern-fake-runtime-");
      Path inc = dir.resolve("flern-native/include/flern");
      Files.createDirectories(inc.resolve("detail"));
      Files.writeString(inc.resolve("runtime.hpp"), """
          #ifndef FLERN_FAKE_RUNTIME_HPP
          #define FLERN_FAKE_RUNTIME_HPP
          #include <cstdint>
          #include "detail/abi.h"
          namespace flern {
          inline int32_t answer() { return 40 + flern_fake_two(); }
          }
          #endif
          """);
      Files.writeString(inc.resolve("detail/abi.h"), """
          #ifndef FLERN_FAKE_ABI_H
          #define FLERN_FAKE_ABI_H
          #include <stdint.h>
          inline int32_t flern_fake_two(void) { return 2; }
          #endif
          """);
      Path lib = dir.resolve("flern-native/lib");
      Files.createDirectories(lib);
      Path src = dir.resolve("fake_rt.cpp");
      Files.writeString(src, """
          #include <stdint.h>
          extern "C" int32_t flern_selftest(void) { return 0; }
          """);
      Process p = new ProcessBuilder(CompilerLocator.locate().executable().toString(), "-shared", "-fPIC", "-O1",
          "-o", lib.resolve("libflern_rt.so").toString(), src.toString()).inheritIO().start();
      if (p.waitFor() != 0) throw new IllegalStateException("cannot build the fake runtime");
      Files.delete(src);
      resources = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> FileOps.deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A class loader that sees the fake runtime as a directory on the class path. */
  static ClassLoader directoryLoader() {
    return loader(resourcesDir());
  }

  /** A class loader that sees the fake runtime inside a jar written to {@code jar}. */
  static ClassLoader jarLoader(Path jar) throws IOException {
    Path root = resourcesDir();
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(root)) {
      // Files only, no directory entries: jars built by some tools have none, and the bundle must
      // still find the headers.
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        jos.putNextEntry(new JarEntry(root.relativize(p).toString()));
        jos.write(Files.readAllBytes(p));
        jos.closeEntry();
      }
    }
    return loader(jar);
  }

  private static ClassLoader loader(Path entry) {
    try {
      // No parent: only the fake runtime is visible, never a real one on the test class path.
      return new URLClassLoader(new URL[] {entry.toUri().toURL()}, null);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A compile service over the fake runtime, unpacked into {@code cache}. */
  static CompileService service(CacheDirectory cache, List<String> extraFlags) {
    NativeBundle bundle = NativeBundle.unpack(cache, directoryLoader());
    return new CompileService(cache, bundle, CompilerLocator.locate(), extraFlags);
  }
}
