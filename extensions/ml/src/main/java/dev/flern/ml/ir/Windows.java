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
   * Output size along one spatial axis. The ceil-mode rule drops a last window that would start
   * inside the end padding, as ONNX Runtime and PyTorch do.
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
