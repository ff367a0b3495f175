package dev.flern.ml.ir;

import java.util.List;

/** Output dimension i is input dimension perm[i]. */
public record TransposeNode(String name, String input, int[] perm, String output) implements Node {
  public TransposeNode {
    perm = perm.clone();
  }

  @Override
  public int[] perm() {
    return perm.clone();
  }

  @Override
  public String opType() {
    return "Transpose";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
