package dev.flern.ml.ir;

import dev.flern.FlernException;

/** numpy broadcasting of concrete shapes. */
public final class Broadcast {
  private Broadcast() {}

  /** The multidirectional broadcast of a and b, or a FlernException naming both shapes. */
  public static Shape shape(Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
      int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
      if (da == db || db == 1) {
        out[i] = da;
      } else if (da == 1) {
        out[i] = db;
      } else {
        throw new FlernException("shapes " + a + " and " + b + " do not broadcast");
      }
    }
    return Shape.of(out);
  }

  /** Whether {@code from} broadcasts to exactly {@code to} (unidirectional). */
  public static boolean unidirectional(Shape from, Shape to) {
    if (from.rank() > to.rank()) {
      return false;
    }
    int off = to.rank() - from.rank();
    for (int i = 0; i < from.rank(); i++) {
      if (from.dim(i) != 1 && from.dim(i) != to.dim(i + off)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Element strides of {@code in} read as a tensor of shape {@code out} (rank of out): 0 along
   * broadcast dimensions.
   */
  public static int[] strides(Shape in, Shape out) {
    int[] s = new int[out.rank()];
    int off = out.rank() - in.rank();
    int stride = 1;
    for (int i = in.rank() - 1; i >= 0; i--) {
      s[i + off] = in.dim(i) == 1 && out.dim(i + off) != 1 ? 0 : stride;
      stride *= in.dim(i);
    }
    return s;
  }
}
