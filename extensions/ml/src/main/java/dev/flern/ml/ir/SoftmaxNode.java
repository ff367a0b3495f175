package dev.flern.ml.ir;

import java.util.List;

/** Softmax along one axis (opset 13 semantics); {@code axis} is non-negative. */
public record SoftmaxNode(String name, String input, int axis, String output) implements Node {
  @Override
  public String opType() {
    return "Softmax";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
