package dev.flern.compile;

import dev.flern.FlernException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The native runtime as the engine jar carries it: {@code flern-native/lib/libflern_rt.so} and the
 * headers under {@code flern-native/include/}, unpacked into {@code <cache>/runtime-<digest16>/}.
 * The digest covers the library and every header, so a new engine build gets a new directory and
 * never mixes with an old one; the directory is filled under a temporary name and renamed, so a
 * crash or a concurrent process never sees it half-written.
 *
 * @param root   {@code <cache>/runtime-<digest16>}
 * @param digest SHA-256 (hex) over the library and headers, part of every compile key
 */
public record NativeBundle(Path root, String digest) {
  static final String RESOURCE_ROOT = "flern-native/";
  static final String LIBRARY = "lib/libflern_rt.so";
  static final String INCLUDE = "include/";

  public Path includeDir() {
    return root.resolve("include");
  }

  public Path libDir() {
    return root.resolve("lib");
  }

  public Path library() {
    return root.resolve(LIBRARY);
  }

  /** Unpacks the runtime found through this class's loader. */
  public static NativeBundle unpack(CacheDirectory cache) {
    return unpack(cache, NativeBundle.class.getClassLoader());
  }

  /** Unpacks the runtime found through {@code loader} (from a jar or a classes directory). */
  public static NativeBundle unpack(CacheDirectory cache, ClassLoader loader) {
    Map<String, byte[]> files = readResources(loader); // relative path → bytes, sorted by path
    Sha256 h = new Sha256();
    for (Map.Entry<String, byte[]> f : files.entrySet()) h.field(f.getKey()).field(f.getValue());
    String digest = h.hex();
    Path root = cache.path().resolve("runtime-" + digest.substring(0, 16));
    if (Files.isDirectory(root)) return new NativeBundle(root, digest);
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory(cache.path(), "tmp-runtime-"); // 0700
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path out = tmp.resolve(f.getKey());
        Files.createDirectories(out.getParent());
        Files.write(out, f.getValue());
        Files.setPosixFilePermissions(out, f.getKey().equals(LIBRARY) ? FileOps.OWNER_ONLY_EXEC : FileOps.OWNER_ONLY_FILE);
      }
      FileOps.publish(tmp, root); // false: another process won the race; its copy is identical
      return new NativeBundle(root, digest);
    } catch (IOException e) {
      if (tmp != null) FileOps.deleteTree(tmp);
      throw new FlernException("cannot unpack the Flern native runtime into " + root + ": " + e, e);
    }
  }

  private static Map<String, byte[]> readResources(ClassLoader loader) {
    URL lib = loader.getResource(RESOURCE_ROOT + LIBRARY);
    if (lib == null)
      throw new FlernException("the Flern native runtime is missing from the classpath (" + RESOURCE_ROOT + LIBRARY
          + "): build engine-native before engine-java (mvn -pl engine-java -am package)");
    Map<String, byte[]> files = new TreeMap<>();
    try {
      files.put(LIBRARY, read(lib));
      // The headers are found next to the library, in the same jar or directory: a jar need not
      // have directory entries, so the include directory itself may not be a resource.
      switch (lib.getProtocol()) {
        case "file" -> readDirectory(Path.of(lib.toURI()).getParent().getParent().resolve("include"), files);
        case "jar" -> readJar(lib, files);
        default -> throw new FlernException("cannot list the Flern runtime headers beside " + lib
            + ": only file: and jar: class path entries are supported");
      }
    } catch (IOException | URISyntaxException e) {
      throw new FlernException("cannot read the Flern native runtime from the classpath: " + e, e);
    }
    if (files.size() == 1)
      throw new FlernException("the Flern native runtime headers are missing from the classpath (" + RESOURCE_ROOT
          + INCLUDE + "): build engine-native before engine-java");
    return files;
  }

  private static byte[] read(URL url) throws IOException {
    var conn = url.openConnection();
    conn.setUseCaches(false); // a cached JarFile would stay open and hide a rebuilt jar
    try (InputStream in = conn.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static void readDirectory(Path dir, Map<String, byte[]> files) throws IOException {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> regular = walk.filter(Files::isRegularFile).toList();
      for (Path p : regular) {
        String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        files.put(INCLUDE + rel, Files.readAllBytes(p));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void readJar(URL lib, Map<String, byte[]> files) throws IOException {
    JarURLConnection conn = (JarURLConnection) lib.openConnection();
    conn.setUseCaches(false);
    String prefix = RESOURCE_ROOT + INCLUDE;
    try (JarFile jar = conn.getJarFile()) {
      List<JarEntry> entries = new ArrayList<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (!entry.isDirectory() && entry.getName().startsWith(prefix)) entries.add(entry);
      }
      for (JarEntry entry : entries) {
        String rel = entry.getName().substring(prefix.length());
        if (rel.isEmpty() || rel.startsWith("/") || rel.contains("..") || rel.contains("\\"))
          throw new FlernException("unexpected runtime header name in the jar: " + entry.getName());
        try (InputStream in = jar.getInputStream(entry)) {
          files.put(INCLUDE + rel, in.readAllBytes());
        }
      }
    }
  }
}
