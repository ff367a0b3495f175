package dev.flern.ml.ir;

import java.util.Arrays;
import java.util.Optional;

/** Softmax, normalisations and reductions of the interpreter; statistics in double. */
final class NormKernels {
  private NormKernels() {}

  static FloatTensor softmax(FloatTensor x, int axis) {
    Shape s = x.shape();
    int outer = s.product(0, axis);
    int n = s.dim(axis);
    int inner = s.sizeFrom(axis + 1);
    float[] v = x.values();
    float[] r = new float[v.length];
    double[] e = new double[n];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          max = Math.max(max, v[base + j * inner]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
          e[j] = Math.exp(v[base + j * inner] - max);
          sum += e[j];
        }
        for (int j = 0; j < n; j++) {
          r[base + j * inner] = (float) (e[j] / sum);
        }
      }
    }
    return new FloatTensor(s, r);
  }

  static FloatTensor layerNorm(LayerNormNode n, FloatTensor x, FloatTensor scale, Optional<FloatTensor> bias) {
    Shape s = x.shape();
    int outer = s.product(0, n.axis());
    int inner = s.sizeFrom(n.axis());
    Shape normalized = Shape.of(Arrays.copyOfRange(s.dims(), n.axis(), s.rank()));
    int[] is = Indexing.offsets(normalized, 0, Broadcast.strides(scale.shape(), normalized));
    int[] ib = bias.map(b -> Indexing.offsets(normalized, 0, Broadcast.strides(b.shape(), normalized)))
        .orElse(new int[0]);
    float[] v = x.values();
    float[] r = new float[v.length];
    for (int o = 0; o < outer; o++) {
      int base = o * inner;
      double mean = 0;
      for (int j = 0; j < inner; j++) {
        mean += v[base + j];
      }
      mean /= inner;
      double var = 0;
      for (int j = 0; j < inner; j++) {
        double dv = v[base + j] - mean;
        var += dv * dv;
      }
      var /= inner;
      double inv = 1 / Math.sqrt(var + n.epsilon());
      for (int j = 0; j < inner; j++) {
        double y = (v[base + j] - mean) * inv * scale.values()[is[j]];
        if (bias.isPresent()) {
          y += bias.get().values()[ib[j]];
        }
        r[base + j] = (float) y;
      }
    }
    return new FloatTensor(s, r);
  }

  static FloatTensor batchNorm(BatchNormNode n, FloatTensor x, FloatTensor scale, FloatTensor bias, FloatTensor mean,
      FloatTensor var) {
    Shape s = x.shape();
    int batch = s.dim(0);
    int c = s.dim(1);
    int area = s.sizeFrom(2);
    float[] v = x.values();
    float[] r = new float[v.length];
    for (int b = 0; b < batch; b++) {
      for (int ch = 0; ch < c; ch++) {
        double inv = 1 / Math.sqrt((double) var.values()[ch] + n.epsilon());
        double m = mean.values()[ch];
        double g = scale.values()[ch];
        double beta = bias.values()[ch];
        int base = (b * c + ch) * area;
        for (int j = 0; j < area; j++) {
          r[base + j] = (float) ((v[base + j] - m) * inv * g + beta);
        }
      }
    }
    return new FloatTensor(s, r);
  }

  static FloatTensor reduceMean(ReduceMeanNode n, FloatTensor x, Shape out) {
    Shape s = x.shape();
    int[] kept = s.dims();
    for (int a : n.axes()) {
      kept[a] = 1;
    }
    // Each input element adds to the output element of its index with the reduced axes zeroed.
    int[] st = Indexing.strides(Shape.of(kept));
    for (int a : n.axes()) {
      st[a] = 0;
    }
    int[] target = Indexing.offsets(s, 0, st);
    double[] acc = new double[out.size()];
    float[] v = x.values();
    for (int i = 0; i < v.length; i++) {
      acc[target[i]] += v[i];
    }
    int count = out.size() == 0 ? 1 : v.length / out.size();
    float[] r = new float[acc.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) (acc[i] / count);
    }
    return new FloatTensor(out, r);
  }

  static LongTensor argMax(ArgMaxNode n, FloatTensor x, Shape out) {
    Shape s = x.shape();
    int outer = s.product(0, n.axis());
    int len = s.dim(n.axis());
    int inner = s.sizeFrom(n.axis() + 1);
    float[] v = x.values();
    long[] r = new long[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * len * inner + i;
        int best = 0;
        for (int j = 1; j < len; j++) {
          float c = v[base + j * inner];
          float b = v[base + best * inner];
          if (c > b || (n.selectLastIndex() && c == b)) {
            best = j;
          }
        }
        r[o * inner + i] = best;
      }
    }
    return new LongTensor(out, r);
  }
}
