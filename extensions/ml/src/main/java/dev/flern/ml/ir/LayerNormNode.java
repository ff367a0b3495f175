package dev.flern.ml.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Normalises over the dimensions {@code axis..rank-1} (biased variance), then scales and shifts;
 * scale and bias hold one value per normalised element, row-major (their shapes may only add
 * leading 1s). {@code axis} is non-negative.
 */
public record LayerNormNode(String name, String input, String scale, Optional<String> bias, int axis,
    float epsilon, String output) implements Node {
  @Override
  public String opType() {
    return "LayerNormalization";
  }

  @Override
  public List<String> inputs() {
    List<String> in = new ArrayList<>(List.of(input, scale));
    bias.ifPresent(in::add);
    return List.copyOf(in);
  }
}
