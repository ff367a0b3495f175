package dev.flern.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeBundleTest {
  @TempDir Path tmp;

  @Test
  void unpacksFromADirectory() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    NativeBundle b = NativeBundle.unpack(cache, FakeRuntime.directoryLoader());
    assertEquals(64, b.digest().length());
    assertEquals(cache.path().resolve("runtime-" + b.digest().substring(0, 16)), b.root());
    Path src = FakeRuntime.resourcesDir().resolve("flern-native");
    assertArrayEquals(Files.readAllBytes(src.resolve("lib/libflern_rt.so")), Files.readAllBytes(b.library()));
    assertEquals(Files.readString(src.resolve("include/flern/runtime.hpp")),
        Files.readString(b.includeDir().resolve("flern/runtime.hpp")));
    assertEquals(Files.readString(src.resolve("include/flern/detail/abi.h")),
        Files.readString(b.includeDir().resolve("flern/detail/abi.h")));
    assertEquals(List.of(b.root()), entries(cache.path()), "no temporary directory left behind");
  }

  @Test
  void jarAndDirectoryGiveTheSameBundle() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    NativeBundle fromDir = NativeBundle.unpack(cache, FakeRuntime.directoryLoader());
    CacheDirectory other = CacheDirectory.open(tmp.resolve("other"));
    NativeBundle fromJar = NativeBundle.unpack(other, FakeRuntime.jarLoader(tmp.resolve("rt.jar")));
    assertEquals(fromDir.digest(), fromJar.digest());
    assertTrue(Files.isRegularFile(fromJar.includeDir().resolve("flern/detail/abi.h")));
    assertTrue(Files.isRegularFile(fromJar.library()));
  }

  @Test
  void secondUnpackReusesTheDirectory() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    NativeBundle first = NativeBundle.unpack(cache, FakeRuntime.directoryLoader());
    long mtime = Files.getLastModifiedTime(first.library()).toMillis();
    NativeBundle second = NativeBundle.unpack(cache, FakeRuntime.directoryLoader());
    assertEquals(first, second);
    assertEquals(mtime, Files.getLastModifiedTime(second.library()).toMillis());
  }

  @Test
  void changedHeaderChangesTheDigest() throws Exception {
    Path copy = tmp.resolve("copy");
    FileOpsTestSupport.copyTree(FakeRuntime.resourcesDir(), copy);
    Files.writeString(copy.resolve("flern-native/include/flern/detail/abi.h"), "// changed\n", java.nio.file.StandardOpenOption.APPEND);
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    NativeBundle original = NativeBundle.unpack(cache, FakeRuntime.directoryLoader());
    NativeBundle changed = NativeBundle.unpack(cache, new URLClassLoader(new URL[] {copy.toUri().toURL()}, null));
    assertNotEquals(original.digest(), changed.digest());
    assertNotEquals(original.root(), changed.root());
  }

  @Test
  void missingRuntimeIsAClearError() throws Exception {
    CacheDirectory cache = CacheDirectory.open(tmp.resolve("cache"));
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    FlernException e = assertThrows(FlernException.class,
        () -> NativeBundle.unpack(cache, new URLClassLoader(new URL[] {empty.toUri().toURL()}, null)));
    assertTrue(e.getMessage().contains("native runtime is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("build engine-native"), e.getMessage());
  }

  private static List<Path> entries(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
