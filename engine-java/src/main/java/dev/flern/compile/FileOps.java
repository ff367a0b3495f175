package dev.flern.compile;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** File helpers for the cache: publish-by-rename and best-effort cleanup. */
final class FileOps {
  static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ONLY_EXEC = PosixFilePermissions.fromString("rwx------");

  private FileOps() {}

  /**
   * Renames {@code tmp} to {@code target} atomically. Returns false when {@code target} already
   * exists (another thread or process published it first); then {@code tmp} is deleted and the
   * caller uses the existing one, which holds the same content by construction (same key).
   */
  static boolean publish(Path tmp, Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(tmp);
      return false;
    }
    try {
      // rename(2): readers see either nothing or the complete file, never a partial one.
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (AtomicMoveNotSupportedException e) {
      deleteTree(tmp);
      throw new IOException("the cache directory does not support atomic renames: " + target.getParent(), e);
    } catch (IOException e) {
      // Renaming a directory onto a non-empty one fails with ENOTEMPTY, which Java reports as a plain
      // FileSystemException: whatever the type, a target that exists now means we lost the race.
      deleteTree(tmp);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return false;
      throw e;
    }
  }

  /** Deletes a file or directory tree, ignoring what cannot be deleted (cleanup only). */
  static void deleteTree(Path p) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(q -> {
        try {
          Files.deleteIfExists(q);
        } catch (IOException ignored) {
          // Best effort: a leftover temp file is harmless, it is never loaded.
        }
      });
    } catch (IOException ignored) {
      // Same as above.
    }
  }
}
