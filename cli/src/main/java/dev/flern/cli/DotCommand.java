package dev.flern.cli;

import dev.flern.cli.format.OutputMode;
import java.util.Optional;

/** A shell command that starts with a dot, as in SQLite's shell. {@link DotCommandParser} reads them. */
public sealed interface DotCommand {
  record Help() implements DotCommand {}

  /** {@code .quit} and {@code .exit}. */
  record Quit() implements DotCommand {}

  /** {@code .mode box|csv|json|line}; without an argument it shows the current mode. */
  record Mode(Optional<OutputMode> mode) implements DotCommand {}

  /** {@code .timer on|off}: a timing line after each statement. */
  record Timer(boolean on) implements DotCommand {}

  /** {@code .echo on|off}: print each statement before running it. */
  record Echo(boolean on) implements DotCommand {}

  /** {@code .maxrows n}: box mode shows at most n rows (0: all). */
  record MaxRows(long rows) implements DotCommand {}

  /** {@code .tables}: the tables of the database. */
  record Tables() implements DotCommand {}

  /** {@code .models}: the models, with their inputs and outputs (SHOW MODELS). */
  record Models() implements DotCommand {}

  /** {@code .code query}: the C++ program the query compiles to. */
  record Code(String query) implements DotCommand {}

  /** {@code .explain query}: the physical plan. */
  record Explain(String query) implements DotCommand {}

  /** {@code .read file}: run a script. */
  record Read(String path) implements DotCommand {}
}
