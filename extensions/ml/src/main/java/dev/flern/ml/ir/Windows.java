package dev.flern.ml.ir;

import dev.flern.FlernException;

/** Checks and output sizes for the sliding windows of convolution and pooling. */
public final class Windows {
  private Windows() {}

  static int[] checked(String what, int[] values, int length, int min) {
    if (values.length != length) {
      throw new FlernException(what + " needs " + length + " values, got " + values.length);
    }
    for (int v : values) {
      if (v < min) {
        throw new FlernException(what + " must be at least " + min + ", got " + v);
      }
    }
    return values.clone();
  }

  /**
   * Output size along one spatial axis. In ceil mode a last window that would start inside the end
   * padding is dropped, as the ONNX specification (onnx/onnx#5741) and PyTorch say. ONNX Runtime's
   * kernels (1.20) keep it and fill it with padding (microsoft/onnxruntime#15446), while its shape
   * inference drops it; models only meet this with pads at least as large as the stride.
   */
  public static int outputSize(int in, int padBegin, int padEnd, int kernel, int stride, int dilation,
      boolean ceilMode) {
    long span = (long) dilation * (kernel - 1) + 1;
    long room = (long) in + padBegin + padEnd - span;
    if (room < 0) {
      return 0;
    }
    long out = ceilMode ? ceilDiv(room, stride) + 1 : room / stride + 1;
    if (ceilMode && (out - 1) * stride >= (long) in + padBegin) {
      out--;
    }
    return (int) out;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
