package dev.flern.ml.ir;

import dev.flern.FlernException;

/** int64 values of a concrete shape, row-major (indices, shapes, arg-max results). */
public record LongTensor(Shape shape, long[] values) implements TensorData {
  public LongTensor {
    if (shape.hasBatch()) {
      throw new FlernException("tensor data needs a concrete shape, got " + shape);
    }
    if (values.length != shape.size()) {
      throw new FlernException("shape " + shape + " needs " + shape.size() + " values, got " + values.length);
    }
  }

  @Override
  public ElementType type() {
    return ElementType.INT64;
  }
}
