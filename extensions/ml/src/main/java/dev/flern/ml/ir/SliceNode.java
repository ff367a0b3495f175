package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.List;

/**
 * Slice with ONNX semantics. {@code starts}, {@code ends} and {@code steps} are kept as written in
 * the model (negative values count from the end, out-of-range values clamp), because along the batch
 * axis they only resolve once N is known; {@code axes} are non-negative and distinct. {@link
 * #resolve} gives the effective ranges for a concrete input shape.
 */
public record SliceNode(String name, String input, long[] starts, long[] ends, int[] axes, long[] steps,
    String output) implements Node {
  public SliceNode {
    starts = starts.clone();
    ends = ends.clone();
    axes = axes.clone();
    steps = steps.clone();
    if (starts.length != ends.length || starts.length != axes.length || starts.length != steps.length) {
      throw new FlernException("Slice node '" + name + "': starts, ends, axes and steps differ in length");
    }
    for (long s : steps) {
      if (s == 0) {
        throw new FlernException("Slice node '" + name + "': a step is 0");
      }
    }
  }

  /** The effective range along every dimension: element i of the output is start + i * step. */
  public record Range(int start, int step, int count) {}

  /** Effective ranges for every dimension of a concrete input shape (untouched axes: full range). */
  public Range[] resolve(Shape in) {
    Range[] r = new Range[in.rank()];
    for (int d = 0; d < in.rank(); d++) {
      r[d] = new Range(0, 1, in.dim(d));
    }
    for (int i = 0; i < axes.length; i++) {
      int dim = in.dim(axes[i]);
      long step = steps[i];
      long s = starts[i] < 0 ? starts[i] + dim : starts[i];
      long e = ends[i] < 0 ? ends[i] + dim : ends[i];
      long count;
      if (step > 0) {
        s = clamp(s, 0, dim);
        e = clamp(e, 0, dim);
        count = e > s ? (e - s + step - 1) / step : 0;
      } else {
        s = clamp(s, 0, dim - 1);
        e = clamp(e, -1, dim - 1);
        count = s > e ? (s - e - step - 1) / -step : 0;
      }
      if (count == 0) {
        s = 0;
      }
      r[axes[i]] = new Range((int) s, (int) step, (int) count);
    }
    return r;
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  @Override
  public long[] starts() {
    return starts.clone();
  }

  @Override
  public long[] ends() {
    return ends.clone();
  }

  @Override
  public int[] axes() {
    return axes.clone();
  }

  @Override
  public long[] steps() {
    return steps.clone();
  }

  @Override
  public String opType() {
    return "Slice";
  }

  @Override
  public List<String> inputs() {
    return List.of(input);
  }
}
