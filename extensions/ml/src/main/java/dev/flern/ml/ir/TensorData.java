package dev.flern.ml.ir;

/**
 * The values of a tensor with a concrete shape, row-major. Weights keep their data in Java in this
 * form; the interpreter computes on it. The arrays are shared, not copied: whoever hands one over
 * must not change it afterwards.
 */
public sealed interface TensorData permits FloatTensor, LongTensor {
  Shape shape();

  ElementType type();

  /** Number of elements. */
  default int size() {
    return shape().size();
  }
}
