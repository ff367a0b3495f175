package dev.flern.ml.ir;

import java.util.List;

/** An element-wise unary operator on a float tensor. */
public record UnaryNode(String name, UnaryOp op, String input, String output) implements Node {
  @Override
  public String opType() {
    return op.onnxName();
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
