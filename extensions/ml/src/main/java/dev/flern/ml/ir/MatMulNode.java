package dev.flern.ml.ir;

import java.util.List;

/** numpy matmul: the last two dimensions multiply, leading (batch) dimensions broadcast. */
public record MatMulNode(String name, String a, String b, String output) implements Node {
  @Override
  public String opType() {
    return "MatMul";
  }

  @Override
  public List<String> inputs() {
    return List.of(a, b);
  }
}
