package dev.flern.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds scripts: a file, a directory (every {@code *.test} below it, in name order) or a classpath
 * resource (a file or a folder, also inside a jar — SQLite's suite comes as the resources
 * {@code test/...} of {@code net.hydromatic:sql-logic-test}).
 */
public final class SltSources {
  /** A script's name (for reports) and its text. */
  public record Source(String name, String text) {}

  private SltSources() {}

  public static List<Source> resolve(String spec) {
    Path p = Path.of(spec);
    if (Files.exists(p)) return fromPath(p, p.toString());
    ClassLoader cl = SltSources.class.getClassLoader();
    for (String candidate : List.of(spec, "test/" + spec)) {
      URL url = cl.getResource(candidate);
      if (url != null) return fromUrl(url, candidate);
    }
    throw new IllegalArgumentException("no such file, directory or classpath resource: " + spec);
  }

  /** A script of SQLite's suite by its path under {@code test/} in the sql-logic-test jar. */
  public static List<Source> sqlite(String name) {
    String res = name.startsWith("test/") ? name : "test/" + name;
    URL url = SltSources.class.getClassLoader().getResource(res);
    if (url == null) {
      throw new IllegalArgumentException("no resource " + res
          + " on the classpath: is net.hydromatic:sql-logic-test on it?");
    }
    return fromUrl(url, res);
  }

  private static List<Source> fromUrl(URL url, String name) {
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("file")) return fromPath(Path.of(uri), name);
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        String inner = uri.toString().substring(uri.toString().indexOf("!/") + 1);
        return fromPath(fs.getPath(inner), name);
      }
      throw new IllegalArgumentException("unsupported resource URL " + url);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalArgumentException("cannot read " + url + ": " + e.getMessage(), e);
    }
  }

  private static List<Source> fromPath(Path p, String name) {
    try {
      if (!Files.isDirectory(p)) return List.of(new Source(name, Files.readString(p, StandardCharsets.UTF_8)));
      List<Path> files;
      try (Stream<Path> s = Files.walk(p)) {
        files = s.filter(f -> f.getFileName().toString().endsWith(".test")).sorted().toList();
      }
      List<Source> out = new ArrayList<>();
      for (Path f : files) {
        String rel = p.relativize(f).toString().replace('\\', '/');
        String prefix = name.endsWith("/") ? name : name + "/";
        out.add(new Source(prefix + rel, Files.readString(f, StandardCharsets.UTF_8)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
