package dev.flern.storage;

import dev.flern.FlernException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where table memory comes from: automatic arenas, freed by the garbage collector once no table
 * refers to them. The JDK counts automatic-arena memory against {@code -XX:MaxDirectMemorySize}
 * (by default the heap size) and collects garbage before giving up, so running out is reported
 * here as a {@link FlernException} that says which limit to raise.
 */
final class NativeMemory {
  private NativeMemory() {}

  static MemorySegment allocate(Arena arena, long bytes, long alignment) {
    try {
      return arena.allocate(bytes, alignment);
    } catch (OutOfMemoryError e) {
      throw new FlernException("out of memory for table data (" + bytes + " more bytes needed: "
          + e.getMessage() + "); start the JVM with a larger -XX:MaxDirectMemorySize", e);
    }
  }

  /** A buffer with its own automatic arena, so it is freed on its own once dropped. */
  static MemorySegment allocate(long bytes, long alignment) {
    return allocate(Arena.ofAuto(), bytes, alignment);
  }
}
