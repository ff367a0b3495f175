package dev.flern.ml.ir;

import java.util.List;

/** y = x >= 0 ? x : alpha * x. */
public record LeakyReluNode(String name, String input, float alpha, String output) implements Node {
  @Override
  public String opType() {
    return "LeakyRelu";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
