package dev.flern.cli;

/** One unit of shell input: an SQL statement or a dot command, with the line it starts on. */
public sealed interface Input {
  String text();

  int line();

  record Sql(String text, int line) implements Input {}

  record Dot(String text, int line) implements Input {}
}
