package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** 2-D convolution (NCHW input, weight [M, C/group, kH, kW], optional bias [M]) over {@code window}. */
public record ConvNode(String name, String input, String weight, Optional<String> bias, Window2d window, int group,
    String output) implements Node {
  public ConvNode {
    if (group < 1) {
      throw new FlernException("Conv node '" + name + "': group must be at least 1, got " + group);
    }
  }

  @Override
  public String opType() {
    return "Conv";
  }

  @Override
  public List<String> inputs() {
    List<String> in = new ArrayList<>(List.of(input, weight));
    bias.ifPresent(in::add);
    return List.copyOf(in);
  }
}
