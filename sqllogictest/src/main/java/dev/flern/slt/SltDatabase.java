package dev.flern.slt;

import java.util.List;
import java.util.Set;

/**
 * The database a script runs against. Implementations render every value with {@link SltValues}, so
 * two engines are compared on values, never on their own text formatting.
 */
public interface SltDatabase extends AutoCloseable {
  /** The name that {@code skipif}/{@code onlyif} lines match, e.g. {@code flern} or {@code duckdb}. */
  String name();

  /** Features that {@code require <feature>} accepts; a file requiring anything else is skipped. */
  default Set<String> features() {
    return Set.of();
  }

  /** Runs a statement; any failure is thrown with the engine's message. */
  void execute(String sql) throws Exception;

  /**
   * Runs a query and returns its rows, each value rendered for the type letter of its column
   * ({@code I}, {@code R} or {@code T}; columns beyond the letters render as {@code T}).
   */
  List<List<String>> query(String sql, String typeLetters) throws Exception;

  @Override
  void close() throws Exception;
}
