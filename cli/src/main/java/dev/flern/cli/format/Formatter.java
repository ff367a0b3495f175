package dev.flern.cli.format;

import java.io.PrintStream;

/** Writes the rows of one result in one output mode. */
public sealed interface Formatter permits BoxFormatter, CsvFormatter, JsonFormatter, LineFormatter {
  void write(Tabular t, PrintStream out);
}
