package dev.flern.ml.ir;

import java.util.function.DoubleUnaryOperator;

/** Element-wise operators of the interpreter. */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  static FloatTensor binary(BinaryOp op, FloatTensor a, FloatTensor b, Shape out) {
    float[] x = a.values();
    float[] y = b.values();
    float[] r = new float[out.size()];
    int[] ia = Indexing.offsets(out, 0, Broadcast.strides(a.shape(), out));
    int[] ib = Indexing.offsets(out, 0, Broadcast.strides(b.shape(), out));
    for (int i = 0; i < r.length; i++) {
      float u = x[ia[i]];
      float v = y[ib[i]];
      r[i] = switch (op) {
        case ADD -> u + v;
        case SUB -> u - v;
        case MUL -> u * v;
        case DIV -> u / v;
        case POW -> (float) Math.pow(u, v);
      };
    }
    return new FloatTensor(out, r);
  }

  static FloatTensor unary(UnaryOp op, FloatTensor x) {
    return map(x, switch (op) {
      case SQRT -> Math::sqrt;
      case RELU -> v -> v > 0 ? v : 0.0;
      case SIGMOID -> v -> 1 / (1 + Math.exp(-v));
      case TANH -> Math::tanh;
      case ERF -> Erf::erf;
    });
  }

  static FloatTensor leakyRelu(FloatTensor x, float alpha) {
    return map(x, v -> v >= 0 ? v : alpha * v);
  }

  static FloatTensor gelu(FloatTensor x, boolean tanhApproximation) {
    if (tanhApproximation) {
      double c = Math.sqrt(2 / Math.PI);
      return map(x, v -> 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v))));
    }
    return map(x, v -> 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2))));
  }

  static FloatTensor clip(FloatTensor x, float min, float max) {
    return map(x, v -> Math.min(Math.max(v, min), max));
  }

  private static FloatTensor map(FloatTensor x, DoubleUnaryOperator f) {
    float[] in = x.values();
    float[] r = new float[in.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) f.applyAsDouble(in[i]);
    }
    return new FloatTensor(x.shape(), r);
  }
}
