package dev.flern.ml.ir;

import dev.flern.FlernException;

/** float32 values of a concrete shape, row-major. */
public record FloatTensor(Shape shape, float[] values) implements TensorData {
  public FloatTensor {
    if (shape.hasBatch()) {
      throw new FlernException("tensor data needs a concrete shape, got " + shape);
    }
    if (values.length != shape.size()) {
      throw new FlernException("shape " + shape + " needs " + shape.size() + " values, got " + values.length);
    }
  }

  @Override
  public ElementType type() {
    return ElementType.FLOAT32;
  }

  /** A tensor of zeros. */
  public static FloatTensor zeros(Shape shape) {
    return new FloatTensor(shape, new float[shape.size()]);
  }
}
