package dev.flern.ml.ir;

import java.util.Optional;

/** Convolution and pooling of the interpreter, NCHW, direct loops; sums in double. */
final class WindowKernels {
  private WindowKernels() {}

  static FloatTensor conv(ConvNode n, FloatTensor x, FloatTensor w, Optional<FloatTensor> bias, Shape out) {
    int batch = x.shape().dim(0);
    int c = x.shape().dim(1);
    int h = x.shape().dim(2);
    int wd = x.shape().dim(3);
    int m = out.dim(1);
    int oh = out.dim(2);
    int ow = out.dim(3);
    int[] k = n.window().kernel();
    int[] p = n.window().pads();
    int[] s = n.window().strides();
    int[] d = n.window().dilations();
    int cg = c / n.group();
    int mg = m / n.group();
    float[] xv = x.values();
    float[] wv = w.values();
    float[] r = new float[out.size()];
    int o = 0;
    for (int b = 0; b < batch; b++) {
      for (int oc = 0; oc < m; oc++) {
        int g = oc / mg;
        for (int y = 0; y < oh; y++) {
          for (int z = 0; z < ow; z++) {
            double acc = bias.isPresent() ? bias.get().values()[oc] : 0;
            for (int ic = 0; ic < cg; ic++) {
              int xc = ((b * c) + g * cg + ic) * h;
              int wc = ((oc * cg) + ic) * k[0];
              for (int ky = 0; ky < k[0]; ky++) {
                int iy = y * s[0] - p[0] + ky * d[0];
                if (iy < 0 || iy >= h) {
                  continue;
                }
                for (int kx = 0; kx < k[1]; kx++) {
                  int ix = z * s[1] - p[1] + kx * d[1];
                  if (ix < 0 || ix >= wd) {
                    continue;
                  }
                  acc += (double) xv[(xc + iy) * wd + ix] * wv[(wc + ky) * k[1] + kx];
                }
              }
            }
            r[o++] = (float) acc;
          }
        }
      }
    }
    return new FloatTensor(out, r);
  }

  static FloatTensor maxPool(MaxPoolNode n, FloatTensor x, Shape out) {
    return pool(x, out, n.window().kernel(), n.window().pads(), n.window().strides(), n.window().dilations(), true, false);
  }

  static FloatTensor averagePool(AveragePoolNode n, FloatTensor x, Shape out) {
    return pool(x, out, n.window().kernel(), n.window().pads(), n.window().strides(), n.window().dilations(), false, n.countIncludePad());
  }

  private static FloatTensor pool(FloatTensor x, Shape out, int[] k, int[] p, int[] s, int[] d, boolean max,
      boolean countIncludePad) {
    int planes = x.shape().dim(0) * x.shape().dim(1);
    int h = x.shape().dim(2);
    int wd = x.shape().dim(3);
    int oh = out.dim(2);
    int ow = out.dim(3);
    float[] xv = x.values();
    float[] r = new float[out.size()];
    int o = 0;
    for (int plane = 0; plane < planes; plane++) {
      int base = plane * h * wd;
      for (int y = 0; y < oh; y++) {
        for (int z = 0; z < ow; z++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int real = 0;
          for (int ky = 0; ky < k[0]; ky++) {
            int iy = y * s[0] - p[0] + ky * d[0];
            for (int kx = 0; kx < k[1]; kx++) {
              int ix = z * s[1] - p[1] + kx * d[1];
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                continue;
              }
              float v = xv[base + iy * wd + ix];
              real++;
              acc = max ? Math.max(acc, v) : acc + v;
            }
          }
          // Counting padding, ONNX Runtime divides by the whole window, even where a ceil-mode window
          // reaches past the padded input; a window without real elements averages to 0.
          int divisor = countIncludePad ? k[0] * k[1] : real;
          r[o++] = (float) (max ? acc : divisor == 0 ? 0 : acc / divisor);
        }
      }
    }
    return new FloatTensor(out, r);
  }

  static FloatTensor globalAveragePool(FloatTensor x, Shape out) {
    int planes = x.shape().dim(0) * x.shape().dim(1);
    int area = x.shape().sizeFrom(2);
    float[] xv = x.values();
    float[] r = new float[planes];
    for (int i = 0; i < planes; i++) {
      double acc = 0;
      for (int j = 0; j < area; j++) {
        acc += xv[i * area + j];
      }
      r[i] = (float) (acc / area);
    }
    return new FloatTensor(out, r);
  }
}
