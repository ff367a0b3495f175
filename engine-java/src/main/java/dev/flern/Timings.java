package dev.flern;

/**
 * Where a statement's time went: planning and staging in Java, compiling C++ (zero on a cache hit),
 * and running the compiled program.
 */
public record Timings(long planNanos, long compileNanos, long runNanos, boolean cacheHit) {
  public static final Timings NONE = new Timings(0, 0, 0, false);
}
