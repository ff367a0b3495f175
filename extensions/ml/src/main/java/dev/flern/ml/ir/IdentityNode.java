package dev.flern.ml.ir;

import java.util.List;

/** Output equals input; also what an inference-mode Dropout becomes ({@code opType} says which). */
public record IdentityNode(String name, String opType, String input, String output) implements Node {
  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
