package dev.flern.ml.ir;

import java.util.List;

/** Mean over every spatial dimension: [N, C, d1, ...] to [N, C, 1, ...]. */
public record GlobalAveragePoolNode(String name, String input, String output) implements Node {
  @Override
  public String opType() {
    return "GlobalAveragePool";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
