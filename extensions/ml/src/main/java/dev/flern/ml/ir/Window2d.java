package dev.flern.ml.ir;

/**
 * The window of a 2-D convolution or pooling, in ONNX order: {@code kernel} = [kH, kW]; {@code pads}
 * = [top, left, bottom, right]; {@code strides} and {@code dilations} = [along H, along W]. Arrays
 * are copied in and out, so the record stays immutable.
 */
public record Window2d(int[] kernel, int[] pads, int[] strides, int[] dilations) {
  public Window2d {
    kernel = Windows.checked("kernel", kernel, 2, 1);
    pads = Windows.checked("pads", pads, 4, 0);
    strides = Windows.checked("strides", strides, 2, 1);
    dilations = Windows.checked("dilations", dilations, 2, 1);
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
}
