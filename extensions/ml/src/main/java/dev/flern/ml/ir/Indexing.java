package dev.flern.ml.ir;

/** Row-major strides and strided index walks shared by the interpreter's kernels. */
final class Indexing {
  private Indexing() {}

  /** Contiguous row-major element strides of a concrete shape. */
  static int[] strides(Shape s) {
    int[] st = new int[s.rank()];
    int stride = 1;
    for (int i = s.rank() - 1; i >= 0; i--) {
      st[i] = stride;
      stride *= s.dim(i);
    }
    return st;
  }

  /**
   * For every element of {@code out} in row-major order, the source offset base + sum(index[d] *
   * strides[d]). Transpose, slice and broadcasting are all this walk with different strides.
   */
  static int[] offsets(Shape out, int base, int[] strides) {
    int n = out.size();
    int r = out.rank();
    int[] res = new int[n];
    int[] idx = new int[r];
    int off = base;
    for (int i = 0; i < n; i++) {
      res[i] = off;
      for (int d = r - 1; d >= 0; d--) {
        idx[d]++;
        off += strides[d];
        if (idx[d] < out.dim(d)) {
          break;
        }
        off -= strides[d] * out.dim(d);
        idx[d] = 0;
      }
    }
    return res;
  }

  /** A tensor of shape {@code out} whose element i is src[offsets[i]]. */
  static TensorData take(TensorData src, Shape out, int[] offsets) {
    return switch (src) {
      case FloatTensor f -> {
        float[] v = new float[offsets.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = f.values()[offsets[i]];
        }
        yield new FloatTensor(out, v);
      }
      case LongTensor l -> {
        long[] v = new long[offsets.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = l.values()[offsets[i]];
        }
        yield new LongTensor(out, v);
      }
    };
  }

  /** The same values under another shape of equal size (reshape, flatten, squeeze...). */
  static TensorData view(TensorData src, Shape out) {
    return switch (src) {
      case FloatTensor f -> new FloatTensor(out, f.values());
      case LongTensor l -> new LongTensor(out, l.values());
    };
  }
}
