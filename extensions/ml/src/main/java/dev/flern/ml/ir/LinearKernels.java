package dev.flern.ml.ir;

import java.util.Arrays;
import java.util.Optional;

/** Gemm and MatMul of the interpreter; sums in double. */
final class LinearKernels {
  private LinearKernels() {}

  static FloatTensor gemm(GemmNode n, FloatTensor a, FloatTensor b, Optional<FloatTensor> c, Shape out) {
    int m = out.dim(0);
    int nn = out.dim(1);
    int k = n.transA() ? a.shape().dim(0) : a.shape().dim(1);
    float[] av = a.values();
    float[] bv = b.values();
    float[] r = new float[m * nn];
    int[] ic = c.map(t -> Indexing.offsets(out, 0, Broadcast.strides(t.shape(), out))).orElse(new int[0]);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < nn; j++) {
        double acc = 0;
        for (int p = 0; p < k; p++) {
          float x = n.transA() ? av[p * m + i] : av[i * k + p];
          float y = n.transB() ? bv[j * k + p] : bv[p * nn + j];
          acc += (double) x * y;
        }
        double v = n.alpha() * acc;
        if (c.isPresent()) {
          v += (double) n.beta() * c.get().values()[ic[i * nn + j]];
        }
        r[i * nn + j] = (float) v;
      }
    }
    return new FloatTensor(out, r);
  }

  static FloatTensor matMul(FloatTensor a, FloatTensor b, Shape out) {
    Shape as = a.shape();
    Shape bs = b.shape();
    int[] ad = as.rank() == 1 ? new int[] {1, as.dim(0)} : as.dims();
    int[] bd = bs.rank() == 1 ? new int[] {bs.dim(0), 1} : bs.dims();
    int m = ad[ad.length - 2];
    int k = ad[ad.length - 1];
    int nn = bd[bd.length - 1];
    Shape aBatch = Shape.of(Arrays.copyOf(ad, ad.length - 2));
    Shape bBatch = Shape.of(Arrays.copyOf(bd, bd.length - 2));
    Shape batch = Broadcast.shape(aBatch, bBatch);
    // Offsets of each batch's matrix, in matrices; broadcast batch dimensions repeat a matrix.
    int[] am = Indexing.offsets(batch, 0, Broadcast.strides(aBatch, batch));
    int[] bm = Indexing.offsets(batch, 0, Broadcast.strides(bBatch, batch));
    float[] av = a.values();
    float[] bv = b.values();
    float[] r = new float[batch.size() * m * nn];
    for (int t = 0; t < am.length; t++) {
      int ao = am[t] * m * k;
      int bo = bm[t] * k * nn;
      int ro = t * m * nn;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < nn; j++) {
          double acc = 0;
          for (int p = 0; p < k; p++) {
            acc += (double) av[ao + i * k + p] * bv[bo + p * nn + j];
          }
          r[ro + i * nn + j] = (float) acc;
        }
      }
    }
    return new FloatTensor(out, r);
  }
}
