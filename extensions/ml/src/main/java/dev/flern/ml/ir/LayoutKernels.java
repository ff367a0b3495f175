package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.List;

/** Operators of the interpreter that move data without arithmetic. */
final class LayoutKernels {
  private LayoutKernels() {}

  static TensorData transpose(TransposeNode n, TensorData x, Shape out) {
    int[] in = Indexing.strides(x.shape());
    int[] perm = n.perm();
    int[] st = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      st[i] = in[perm[i]];
    }
    return Indexing.take(x, out, Indexing.offsets(out, 0, st));
  }

  static TensorData slice(SliceNode n, TensorData x, Shape out) {
    int[] in = Indexing.strides(x.shape());
    SliceNode.Range[] ranges = n.resolve(x.shape());
    int base = 0;
    int[] st = new int[in.length];
    for (int d = 0; d < in.length; d++) {
      base += ranges[d].start() * in[d];
      st[d] = ranges[d].step() * in[d];
    }
    return Indexing.take(x, out, Indexing.offsets(out, base, st));
  }

  static TensorData concat(int axis, List<TensorData> parts, Shape out) {
    int outer = out.product(0, axis);
    int[] offsets = new int[out.size()];
    int[] partOf = new int[out.size()];
    int o = 0;
    for (int i = 0; i < outer; i++) {
      for (int p = 0; p < parts.size(); p++) {
        int chunk = parts.get(p).shape().sizeFrom(axis);
        for (int j = 0; j < chunk; j++) {
          partOf[o] = p;
          offsets[o++] = i * chunk + j;
        }
      }
    }
    return switch (parts.get(0)) {
      case FloatTensor f -> {
        float[] r = new float[offsets.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = ((FloatTensor) parts.get(partOf[i])).values()[offsets[i]];
        }
        yield new FloatTensor(out, r);
      }
      case LongTensor l -> {
        long[] r = new long[offsets.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = ((LongTensor) parts.get(partOf[i])).values()[offsets[i]];
        }
        yield new LongTensor(out, r);
      }
    };
  }

  static TensorData gather(GatherNode n, TensorData data, LongTensor indices, Shape out) {
    Shape s = data.shape();
    int outer = s.product(0, n.axis());
    int len = s.dim(n.axis());
    int inner = s.sizeFrom(n.axis() + 1);
    long[] ix = indices.values();
    int[] offsets = new int[out.size()];
    int o = 0;
    for (int i = 0; i < outer; i++) {
      for (long raw : ix) {
        long j = raw < 0 ? raw + len : raw;
        if (j < 0 || j >= len) {
          throw new FlernException(n.describe() + ": index " + raw + " is out of range for axis " + n.axis()
              + " of size " + len);
        }
        for (int k = 0; k < inner; k++) {
          offsets[o++] = (i * len + (int) j) * inner + k;
        }
      }
    }
    return Indexing.take(data, out, offsets);
  }
}
