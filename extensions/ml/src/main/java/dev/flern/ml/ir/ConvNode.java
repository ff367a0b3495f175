package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 2-D convolution (NCHW input, weight [M, C/group, kH, kW], optional bias [M]). Arrays, in ONNX
 * order: {@code kernel} = [kH, kW]; {@code pads} = [top, left, bottom, right]; {@code strides} and
 * {@code dilations} = [along H, along W].
 */
public record ConvNode(String name, String input, String weight, Optional<String> bias, int[] kernel,
    int[] pads, int[] strides, int[] dilations, int group, String output) implements Node {
  public ConvNode {
    kernel = Windows.checked("kernel", kernel, 2, 1);
    pads = Windows.checked("pads", pads, 4, 0);
    strides = Windows.checked("strides", strides, 2, 1);
    dilations = Windows.checked("dilations", dilations, 2, 1);
    if (group < 1) {
      throw new FlernException("Conv node '" + name + "': group must be at least 1, got " + group);
    }
  }

  @Override
  public int[] kernel() {
    return kernel.clone();
  }

  @Override
  public int[] pads() {
    return pads.clone();
  }

  @Override
  public int[] strides() {
    return strides.clone();
  }

  @Override
  public int[] dilations() {
    return dilations.clone();
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
