package dev.flern.compile;

import dev.flern.FlernException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The directory that holds compiled libraries and the unpacked runtime. Flern loads native code from
 * it, so anyone who can write into it can run code in this process: it is created owner-only (0700)
 * and an existing one is refused unless it belongs to the current user and neither group nor others
 * can write to it. A symbolic link is followed and its target checked the same way.
 *
 * <p>Where: system property {@code flern.cache.dir}, else {@code FLERN_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/flern}, else {@code ~/.cache/flern}.
 */
public final class CacheDirectory {
  private final Path path;

  private CacheDirectory(Path path) {
    this.path = path;
  }

  /** The directory, absolute; checked private when this object was made. */
  public Path path() {
    return path;
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /** The cache directory this process is configured to use, created or checked. */
  public static CacheDirectory resolve() {
    return open(configuredPath(
        Optional.ofNullable(System.getProperty("flern.cache.dir")),
        Optional.ofNullable(System.getenv("FLERN_CACHE_DIR")),
        Optional.ofNullable(System.getenv("XDG_CACHE_HOME")),
        Path.of(System.getProperty("user.home"))));
  }

  static Path configuredPath(Optional<String> property, Optional<String> env, Optional<String> xdg, Path home) {
    Optional<String> explicit = property.filter(s -> !s.isBlank()).or(() -> env.filter(s -> !s.isBlank()));
    if (explicit.isPresent()) return Path.of(explicit.get());
    // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
    Optional<Path> base = xdg.filter(s -> !s.isBlank()).map(Path::of).filter(Path::isAbsolute);
    return base.orElse(home.resolve(".cache")).resolve("flern");
  }

  /** Creates {@code dir} owner-only if it is missing, otherwise checks that it is private. */
  public static CacheDirectory open(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(abs)) {
        Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(FileOps.OWNER_ONLY_DIR));
        // The umask may have removed bits, never added them; set the mode exactly anyway.
        Files.setPosixFilePermissions(abs, FileOps.OWNER_ONLY_DIR);
      }
      checkPrivate(abs);
      return new CacheDirectory(abs);
    } catch (UnsupportedOperationException e) {
      throw new FlernException("the Flern cache directory " + abs + " is not on a POSIX file system;"
          + " set FLERN_CACHE_DIR to a directory on one", e);
    } catch (IOException e) {
      throw new FlernException("cannot create the Flern cache directory " + abs + ": " + e
          + "; set FLERN_CACHE_DIR to a directory you own", e);
    }
  }

  private static void checkPrivate(Path dir) throws IOException {
    Path real = dir.toRealPath(); // follows symbolic links: the target is what gets written to
    String shown = real.equals(dir) ? dir.toString() : dir + " (a link to " + real + ")";
    PosixFileAttributes attrs = Files.readAttributes(real, PosixFileAttributes.class);
    if (!attrs.isDirectory())
      throw new FlernException("the Flern cache directory " + shown + " is not a directory");
    if (!isCurrentUser(real, attrs))
      throw new FlernException("refusing the Flern cache directory " + shown + ": it is owned by "
          + attrs.owner().getName() + ", not by the current user; Flern loads code from it."
          + " Set FLERN_CACHE_DIR to a directory you own");
    Set<PosixFilePermission> perms = attrs.permissions();
    if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE))
      throw new FlernException("refusing the Flern cache directory " + shown + ": group or others can write"
          + " to it (mode " + PosixFilePermissions.toString(perms) + "), and Flern loads code from it."
          + " Run chmod 700 on it or set FLERN_CACHE_DIR to a private directory");
  }

  static boolean isCurrentUser(Path file, PosixFileAttributes attrs) throws IOException {
    Optional<Integer> me = currentUid();
    if (me.isPresent()) return me.get().equals(Files.getAttribute(file, "unix:uid"));
    return attrs.owner().getName().equals(System.getProperty("user.name"));
  }

  /** The effective uid, read as the owner of /proc/self (Linux); empty where there is no /proc. */
  static Optional<Integer> currentUid() {
    try {
      return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a file in the cache may be loaded as code: a regular file (not a link), owned by the
   * current user, not writable by group or others.
   */
  boolean isTrustedFile(Path file) {
    try {
      PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile()) return false;
      Set<PosixFilePermission> perms = attrs.permissions();
      if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE))
        return false;
      Optional<Integer> me = currentUid();
      return me.isEmpty()
          ? attrs.owner().getName().equals(System.getProperty("user.name"))
          : me.get().equals(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return false;
    }
  }
}
