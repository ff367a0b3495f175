package dev.flern.ml.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Y = alpha * op(A) * op(B) + beta * C, op = optional transpose; A and B 2-D, C broadcast to Y. */
public record GemmNode(String name, String a, String b, Optional<String> c, float alpha, float beta,
    boolean transA, boolean transB, String output) implements Node {
  @Override
  public String opType() {
    return "Gemm";
  }

  @Override
  public List<String> inputs() {
    List<String> in = new ArrayList<>(List.of(a, b));
    c.ifPresent(in::add);
    return List.copyOf(in);
  }
}
