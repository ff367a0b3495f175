package dev.flern.ml.ir;

import java.util.List;

/** An element-wise binary operator on float tensors, with numpy (multidirectional) broadcasting. */
public record BinaryNode(String name, BinaryOp op, String a, String b, String output) implements Node {
  @Override
  public String opType() {
    return op.onnxName();
  }

  @Override
  public List<String> inputs() {
    return List.of(a, b);
  }
}
