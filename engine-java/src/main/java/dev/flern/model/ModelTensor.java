package dev.flern.model;

import java.util.List;

/**
 * One input or output of a model as SQL sees it: its name, whether its elements are int64 (token
 * ids, class indices) rather than float32, and its dimensions, the first of which is the batch
 * ({@link #BATCH}) for a model that takes any number of rows.
 */
public record ModelTensor(String name, boolean int64, List<Integer> dims) {
  /** The dimension that stands for the batch. */
  public static final int BATCH = -1;

  public ModelTensor {
    dims = List.copyOf(dims);
  }

  /** True when the first dimension is the batch (rows of a query map to it). */
  public boolean batched() {
    return !dims.isEmpty() && dims.get(0) == BATCH;
  }

  /** Elements per row: the product of the dimensions after the first. */
  public long perRow() {
    long n = 1;
    for (int i = 1; i < dims.size(); i++) n *= dims.get(i);
    return n;
  }

  /** The shape as written in listings: {@code [batch, 32]}. */
  public String shapeText() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(dims.get(i) == BATCH ? "batch" : Integer.toString(dims.get(i)));
    }
    return sb.append(']').toString();
  }

  public String elementType() {
    return int64 ? "int64" : "float32";
  }
}
