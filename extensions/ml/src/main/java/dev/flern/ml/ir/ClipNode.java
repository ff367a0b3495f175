package dev.flern.ml.ir;

import java.util.List;

/** y = min(max(x, min), max); absent bounds are infinities. */
public record ClipNode(String name, String input, float min, float max, String output) implements Node {
  @Override
  public String opType() {
    return "Clip";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
