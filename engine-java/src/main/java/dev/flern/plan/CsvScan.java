package dev.flern.plan;

import dev.flern.csv.CsvOptions;
import java.util.List;

/** {@code read_csv('file', ...)} in FROM: the file is loaded when the query runs, then scanned. */
public record CsvScan(String path, CsvOptions options, List<Field> output) implements Plan {
  public List<Plan> inputs() { return List.of(); }
}
