package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.Arrays;

/**
 * A static tensor shape. Every dimension is a known size, except that the first one may be the
 * symbolic batch dimension N ({@link #BATCH}): the model is compiled once for its shapes and run on
 * any number of rows, so the batch is the one size that is only known at run time.
 */
public final class Shape {
  /** Marks the symbolic batch dimension N; allowed only as the first dimension. */
  public static final int BATCH = -1;

  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /** A shape of known sizes, or with {@link #BATCH} as its first dimension. */
  public static Shape of(int... dims) {
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == BATCH && i == 0) {
        continue;
      }
      if (dims[i] < 0) {
        throw new FlernException("invalid shape " + render(dims)
            + ": sizes must be non-negative and only the first dimension may be the batch N");
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** [N, rest...]. */
  public static Shape batched(int... rest) {
    int[] d = new int[rest.length + 1];
    d[0] = BATCH;
    System.arraycopy(rest, 0, d, 1, rest.length);
    return of(d);
  }

  public static Shape scalar() {
    return SCALAR;
  }

  public int rank() {
    return dims.length;
  }

  /** The size of one dimension; {@link #BATCH} for a symbolic batch. */
  public int dim(int axis) {
    return dims[axis];
  }

  public int[] dims() {
    return dims.clone();
  }

  public boolean hasBatch() {
    return dims.length > 0 && dims[0] == BATCH;
  }

  /** This shape with N replaced by {@code n} (itself when there is no N). */
  public Shape withBatch(int n) {
    if (n < 1) {
      throw new FlernException("batch size must be at least 1, got " + n);
    }
    if (!hasBatch()) {
      return this;
    }
    int[] d = dims.clone();
    d[0] = n;
    return new Shape(d);
  }

  /** Number of elements; the shape must be concrete. */
  public int size() {
    return sizeFrom(0);
  }

  /** Product of the dimensions from {@code axis} to the end; those must be concrete. */
  public int sizeFrom(int axis) {
    return product(axis, dims.length);
  }

  /** Product of dimensions [from, to); those must be concrete. */
  public int product(int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      if (dims[i] == BATCH) {
        throw new FlernException("shape " + this + " has the symbolic batch dimension N; give it a size first");
      }
      p *= dims[i];
      if (p > Integer.MAX_VALUE) {
        throw new FlernException("tensor of shape " + this + " is too large (over 2^31 elements)");
      }
    }
    return (int) p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** "[N, 3, 64, 64]". */
  @Override
  public String toString() {
    return render(dims);
  }

  private static String render(int[] dims) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(dims[i] == BATCH && i == 0 ? "N" : Integer.toString(dims[i]));
    }
    return sb.append(']').toString();
  }
}
