package dev.flern.plan;

import java.util.List;

/** Reads a catalog table; {@code columns} are the table's column positions this scan produces. */
public record Scan(String table, List<Integer> columns, List<Field> output) implements Plan {
  public List<Plan> inputs() { return List.of(); }
}
