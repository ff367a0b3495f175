package dev.flern.plan;

import java.util.List;

/** ORDER BY; output is the input's columns in the keys' order. */
public record Sort(Plan input, List<SortKey> keys) implements Plan {
  public List<Field> output() { return input.output(); }
  public List<Plan> inputs() { return List.of(input); }
}
